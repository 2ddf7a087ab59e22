// The API keys of the admin's locations: what each is for, where it may file, when it was last
// used; rotating one (a new secret, shown once; the old one stops working) and revoking one.
import { TableCell, TableRow } from '@mui/material';
import { useState } from 'react';
import type { ApiKeySummary, IssuedApiKey } from '../../../../shared/intake/api-keys';
import { locationLabel, queueLabel } from '../../../catalog/practice-labels';
import { ServerListCard } from '../common/ServerListCard';
import type { useServerList } from '../common/useServerList';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from '../workstations/useAdminApi';
import { CREDENTIAL_HEADERS, CredentialCells, when } from '../credentials/CredentialCells';
import { IssuedKey } from './IssuedKey';

export function ApiKeysCard({ list }: { list: ReturnType<typeof useServerList<ApiKeySummary>> }) {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const { items, error, load } = list;
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);

  return (
    <ServerListCard
      title="API keys"
      description="Every use is in the audit log. Rotate a key that may have leaked: the system that uses it needs the new one."
      testId="api-keys"
      headers={['For', 'May file into', 'Status reads', 'Created', 'Last used', ...CREDENTIAL_HEADERS]}
      error={error}
      count={items?.length ?? null}
      emptyText="No API key yet."
      onRefresh={() => void load()}
      footer={issued && <IssuedKey issued={issued} />}
    >
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
          <CredentialCells
            credential={k}
            endedAt={k.revokedAt}
            noun="API key"
            testId="api-key"
            rotateTitle={`Rotate the key for “${k.name}”?`}
            rotateText="The key it uses now stops working at once. The new key is shown once: give it to the system that files with it."
            endTitle={`Revoke the key for “${k.name}”?`}
            endText="It stops working at once and cannot be used again. Tasks it filed stay."
            onRotate={async () => {
              setIssued(await api.rotateApiKey(k.id));
              await load();
            }}
            onEnd={async () => {
              await api.revokeApiKey(k.id);
              await load();
            }}
          />
        </TableRow>
      ))}
    </ServerListCard>
  );
}
