// The webhooks of the admin's locations: where each sends, which events, whether with PHI; opening
// one's delivery log, rotating its signing secret (shown once), disabling it.
import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useState } from 'react';
import { WEBHOOK_EVENT_LABELS, type IssuedWebhook, type WebhookSummary } from '../../../../shared/intake/webhooks';
import { AdminCard } from '../common/AdminCard';
import { ConfirmDialog } from '../common/ConfirmDialog';
import type { useServerList } from '../common/useServerList';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedSecret } from './IssuedSecret';

const when = (iso: string) => new Date(iso).toLocaleString();

interface Props {
  list: ReturnType<typeof useServerList<WebhookSummary>>;
  selected: string | null;
  onSelect(id: string): void;
}

export function WebhooksCard({ list, selected, onSelect }: Props) {
  const api = useAdminApi();
  const { items, error, load } = list;
  const [acting, setActing] = useState<{ webhook: WebhookSummary; act: 'rotate' | 'disable' } | null>(null);
  const [issued, setIssued] = useState<IssuedWebhook | null>(null);

  return (
    <AdminCard
      title="Webhooks"
      description="Registering, rotating and disabling a webhook are in the audit log."
      testId="webhooks"
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
            <TableCell>Name</TableCell>
            <TableCell>URL</TableCell>
            <TableCell>Events</TableCell>
            <TableCell>PHI</TableCell>
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(items ?? []).map((w) => (
            <TableRow key={w.id} data-testid="webhook-row" data-webhook-id={w.id} selected={w.id === selected}>
              <TableCell>{w.name}</TableCell>
              <TableCell sx={{ wordBreak: 'break-all' }}>{w.url}</TableCell>
              <TableCell>{w.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join(', ')}</TableCell>
              <TableCell>{w.allowPhi ? 'Yes' : 'No'}</TableCell>
              <TableCell>
                {w.disabledAt ? (
                  <Chip size="small" color="error" label={`Disabled ${when(w.disabledAt)}`} />
                ) : (
                  <Chip size="small" variant="outlined" label={w.rotatedAt ? `Rotated ${when(w.rotatedAt)}` : 'Active'} />
                )}
              </TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button size="small" onClick={() => onSelect(w.id)} aria-label={`Deliveries of webhook ${w.name}`}>
                  Deliveries
                </Button>
                {!w.disabledAt && (
                  <>
                    <Button
                      size="small"
                      onClick={() => setActing({ webhook: w, act: 'rotate' })}
                      aria-label={`Rotate the secret of webhook ${w.name}`}
                    >
                      Rotate…
                    </Button>
                    <Button
                      size="small"
                      color="error"
                      onClick={() => setActing({ webhook: w, act: 'disable' })}
                      aria-label={`Disable webhook ${w.name}`}
                    >
                      Disable…
                    </Button>
                  </>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {items?.length === 0 && <Alert severity="info">No webhook yet.</Alert>}
      {issued && <IssuedSecret issued={issued} />}
      {acting?.act === 'rotate' && (
        <ConfirmDialog
          title={`Rotate the signing secret of “${acting.webhook.name}”?`}
          text="Deliveries are signed with the new secret from now on (retries of earlier ones too). It is shown once: give it to the receiver."
          confirmLabel="Rotate"
          testId="confirm-rotate-webhook-dialog"
          onConfirm={async () => {
            setIssued(await api.rotateWebhook(acting.webhook.id));
            await load();
          }}
          onClose={() => setActing(null)}
        />
      )}
      {acting?.act === 'disable' && (
        <ConfirmDialog
          title={`Disable “${acting.webhook.name}”?`}
          text="Nothing more is sent to it; deliveries still waiting for a retry are given up. Its log stays."
          confirmLabel="Disable"
          danger
          testId="confirm-disable-webhook-dialog"
          onConfirm={async () => {
            await api.disableWebhook(acting.webhook.id);
            await load();
          }}
          onClose={() => setActing(null)}
        />
      )}
    </AdminCard>
  );
}
