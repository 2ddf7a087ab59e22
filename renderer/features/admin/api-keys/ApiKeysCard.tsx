// The API keys of the admin's locations: what each is for, where it may file, when it was last
// used; rotating one (a new secret, shown once; the old one stops working) and revoking one.
import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useState } from 'react';
import type { ApiKeySummary, IssuedApiKey } from '../../../../shared/intake/api-keys';
import { locationLabel, queueLabel } from '../../../catalog/practice-labels';
import { AdminCard } from '../common/AdminCard';
import { ConfirmDialog } from '../common/ConfirmDialog';
import type { useServerList } from '../common/useServerList';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedKey } from './IssuedKey';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

export function ApiKeysCard({ list }: { list: ReturnType<typeof useServerList<ApiKeySummary>> }) {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const { items, error, load } = list;
  const [acting, setActing] = useState<{ key: ApiKeySummary; act: 'rotate' | 'revoke' } | null>(null);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);

  return (
    <AdminCard
      title="API keys"
      description="Every use is in the audit log. Rotate a key that may have leaked: the system that uses it needs the new one."
      testId="api-keys"
      actions={
        <Button size="small" onClick={() => void load()}>
          Refresh
        </Button>
      }
    >
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>For</TableCell>
            <TableCell>May file into</TableCell>
            <TableCell>Status reads</TableCell>
            <TableCell>Created</TableCell>
            <TableCell>Last used</TableCell>
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(items ?? []).map((k) => (
            <TableRow key={k.id} data-testid="api-key-row" data-api-key-id={k.id}>
              <TableCell>{k.name}</TableCell>
              <TableCell>
                {k.scopes.locationIds.map((l) => locationLabel(config, l)).join(', ')}:{' '}
                {k.scopes.queues.map((q) => queueLabel(config, q)).join(', ')}
              </TableCell>
              <TableCell>{k.scopes.readStatus ? 'Yes' : 'No'}</TableCell>
              <TableCell>{when(k.createdAt)}</TableCell>
              <TableCell data-testid="api-key-last-used">{when(k.lastUsedAt)}</TableCell>
              <TableCell>
                {k.revokedAt ? (
                  <Chip size="small" color="error" label={`Revoked ${when(k.revokedAt)}`} />
                ) : (
                  <Chip size="small" label={k.rotatedAt ? `Rotated ${when(k.rotatedAt)}` : 'Active'} variant="outlined" />
                )}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                {!k.revokedAt && (
                  <>
                    <Button size="small" onClick={() => setActing({ key: k, act: 'rotate' })} aria-label={`Rotate API key ${k.name}`}>
                      Rotate…
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      onClick={() => setActing({ key: k, act: 'revoke' })}
                      aria-label={`Revoke API key ${k.name}`}
                    >
                      Revoke…
                    </Button>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {items?.length === 0 && <Alert severity="info">No API key yet.</Alert>}
      {issued && <IssuedKey issued={issued} />}
      {acting?.act === 'rotate' && (
        <ConfirmDialog
          title={`Rotate the key for “${acting.key.name}”?`}
          text="The key it uses now stops working at once. The new key is shown once: give it to the system that files with it."
          confirmLabel="Rotate"
          testId="confirm-rotate-api-key-dialog"
          onConfirm={async () => {
            setIssued(await api.rotateApiKey(acting.key.id));
            await load();
          }}
          onClose={() => setActing(null)}
        />
      )}
      {acting?.act === 'revoke' && (
        <ConfirmDialog
          title={`Revoke the key for “${acting.key.name}”?`}
          text="It stops working at once and cannot be used again. Tasks it filed stay."
          confirmLabel="Revoke"
          danger
          testId="confirm-revoke-api-key-dialog"
          onConfirm={async () => {
            await api.revokeApiKey(acting.key.id);
            await load();
          }}
          onClose={() => setActing(null)}
        />
      )}
    </AdminCard>
  );
}
