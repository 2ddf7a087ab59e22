// The webhooks of the admin's locations: where each sends, which events, whether with PHI; opening
// one's delivery log, rotating its signing secret (shown once), disabling it, and deleting a
// disabled one with its log.
import { Button, TableCell, TableRow } from '@mui/material';
import { useState } from 'react';
import { WEBHOOK_EVENT_LABELS, type IssuedWebhook, type WebhookSummary } from '../../../../shared/intake/webhooks';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ServerListCard } from '../common/ServerListCard';
import type { useServerList } from '../common/useServerList';
import { CREDENTIAL_HEADERS, CredentialCells } from '../credentials/CredentialCells';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedWebhookSecret } from './IssuedWebhookSecret';

interface Props {
  list: ReturnType<typeof useServerList<WebhookSummary>>;
  selected: string | null;
  onSelect(id: string): void;
}

export function WebhooksCard({ list, selected, onSelect }: Props) {
  const api = useAdminApi();
  const { items, error, load } = list;
  const [issued, setIssued] = useState<IssuedWebhook | null>(null);
  const [deleting, setDeleting] = useState<WebhookSummary | null>(null);

  return (
    <ServerListCard
      title="Webhooks"
      description="Registering, rotating, disabling and deleting a webhook are in the audit log."
      testId="webhooks"
      headers={['Name', 'URL', 'Events', 'PHI', ...CREDENTIAL_HEADERS]}
      error={error}
      count={items?.length ?? null}
      emptyText="No webhook yet."
      onRefresh={() => void load()}
      footer={issued && <IssuedWebhookSecret issued={issued} />}
    >
      {(items ?? []).map((w) => (
        <TableRow key={w.id} data-testid="webhook-row" data-webhook-id={w.id} selected={w.id === selected}>
          <TableCell>{w.name}</TableCell>
          <TableCell sx={{ wordBreak: 'break-all' }}>{w.url}</TableCell>
          <TableCell>{w.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join(', ')}</TableCell>
          <TableCell>{w.allowPhi ? 'Yes' : 'No'}</TableCell>
          <CredentialCells
            credential={w}
            endedAt={w.disabledAt}
            ending="disable"
            noun="webhook"
            testId="webhook"
            rotateLabel={`Rotate the secret of webhook ${w.name}`}
            rotateTitle={`Rotate the signing secret of “${w.name}”?`}
            rotateText="Deliveries are signed with the new secret from now on (retries of earlier ones too). It is shown once: give it to the receiver."
            endTitle={`Disable “${w.name}”?`}
            endText="Nothing more is sent to it; deliveries still waiting for a retry are given up. Its log stays."
            onRotate={async () => {
              setIssued(await api.rotateWebhook(w.id));
              await load();
            }}
            onEnd={async () => {
              await api.disableWebhook(w.id);
              await load();
            }}
            actions={
              <>
                <Button size="small" onClick={() => onSelect(w.id)} aria-label={`Deliveries of webhook ${w.name}`}>
                  Deliveries
                </Button>
                {w.disabledAt && (
                  <Button size="small" color="error" onClick={() => setDeleting(w)} aria-label={`Delete webhook ${w.name}`}>
                    Delete…
                  </Button>
                )}
              </>
            }
          />
        </TableRow>
      ))}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          text="It leaves the list with its delivery log. The audit log keeps that it existed, where it sent and who deleted it."
          confirmLabel="Delete"
          danger
          testId="confirm-delete-webhook-dialog"
          onConfirm={async () => {
            await api.deleteWebhook(deleting.id);
            await load();
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </ServerListCard>
  );
}
