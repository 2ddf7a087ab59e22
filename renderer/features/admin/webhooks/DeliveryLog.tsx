// One webhook's delivery log, newest first: the event, when, how many attempts, the receiver's last
// answer (or why there was none), the next attempt, and whether it was delivered or given up.
import { Chip, TableCell, TableRow } from '@mui/material';
import { useCallback } from 'react';
import { WEBHOOK_EVENT_LABELS, type WebhookDelivery, type WebhookSummary } from '../../../../shared/intake/webhooks';
import { ServerListCard } from '../common/ServerListCard';
import { useServerList } from '../common/useServerList';
import { useAdminApi } from '../workstations/useAdminApi';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
const STATE_COLOR = { pending: 'warning', delivered: 'success', failed: 'error' } as const;

function lastAnswer(d: WebhookDelivery): string {
  if (d.lastStatus !== null) return `HTTP ${d.lastStatus}`;
  return d.lastError ?? '—';
}

export function DeliveryLog({ webhook }: { webhook: WebhookSummary }) {
  const api = useAdminApi();
  const fetchLog = useCallback(() => api.listWebhookDeliveries(webhook.id), [api, webhook.id]);
  const { items, error, load } = useServerList(fetchLog);
  return (
    <ServerListCard
      title={`Deliveries to “${webhook.name}”`}
      description="The latest 200. A failed attempt is tried again with growing waits for 24 hours after the event."
      testId="webhook-delivery-log"
      headers={['Event', 'Task', 'Queued', 'Attempts', 'Last answer', 'Next attempt', 'State']}
      error={error}
      count={items?.length ?? null}
      emptyText="Nothing sent yet."
      onRefresh={() => void load()}
      refreshTestId="refresh-webhook-deliveries"
    >
      {(items ?? []).map((d) => (
        <TableRow key={d.id} data-testid="webhook-delivery-row" data-state={d.state}>
          <TableCell>{WEBHOOK_EVENT_LABELS[d.type]}</TableCell>
          <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{d.taskId.slice(0, 8)}</TableCell>
          <TableCell>{when(d.createdAt)}</TableCell>
          <TableCell>{d.attempts}</TableCell>
          <TableCell>{lastAnswer(d)}</TableCell>
          <TableCell>{when(d.nextAttemptAt)}</TableCell>
          <TableCell>
            <Chip size="small" variant="outlined" color={STATE_COLOR[d.state]} label={d.state} />
          </TableCell>
        </TableRow>
      ))}
    </ServerListCard>
  );
}
