// A new outbound webhook: the receiver's URL, the events it hears of, and whether its deliveries
// may carry PHI (off unless the admin turns it on, with a warning).
import { Alert, Button, Checkbox, FormControlLabel, FormGroup, FormLabel, Stack, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import {
  CreateWebhookRequest,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  webhookUrlProblem,
  type IssuedWebhook,
  type WebhookEventType,
} from '../../../../shared/intake/webhooks';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedSecret } from './IssuedSecret';

export function NewWebhookCard({ onCreated }: { onCreated(): void }) {
  const api = useAdminApi();
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['task.created', 'task.status_changed']);
  const [allowPhi, setAllowPhi] = useState(false);
  const [issued, setIssued] = useState<IssuedWebhook | null>(null);
  const { busy, error, setError, run } = useServerCall();

  const create = () => {
    const problem = webhookUrlProblem(url);
    if (problem) return setError(problem);
    const body = CreateWebhookRequest.safeParse({ url, events, name: name || undefined, allowPhi });
    if (!body.success) return setError('Choose at least one event.');
    setIssued(null);
    void run(async () => {
      setIssued(await api.createWebhook(body.data));
      setUrl('');
      setName('');
      setAllowPhi(false);
      onCreated();
    });
  };
  const toggle = (event: WebhookEventType) => setEvents((es) => (es.includes(event) ? es.filter((e) => e !== event) : [...es, event]));

  return (
    <AdminCard
      title="New webhook"
      description="Baton tells another system (a patient portal, a data warehouse) when tasks of your locations are created, change status, are approved, rejected or escalated: a signed POST to its URL, retried for 24 hours."
      testId="new-webhook-card"
    >
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1.5} alignItems="center">
          <TextField
            size="small"
            label="Receiver URL (https)"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            sx={{ minWidth: 420 }}
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'webhook-url' } }}
          />
          <TextField
            size="small"
            label="Name (optional)"
            value={name}
            onChange={(e) => setName(e.target.value)}
            sx={{ minWidth: 240 }}
            slotProps={{ htmlInput: { maxLength: 80, 'data-testid': 'webhook-name' } }}
          />
        </Stack>
        <FormGroup row aria-labelledby="webhook-events-label">
          <FormLabel id="webhook-events-label" sx={{ mr: 2, alignSelf: 'center' }}>
            Events
          </FormLabel>
          {WEBHOOK_EVENTS.map((event) => (
            <FormControlLabel
              key={event}
              control={<Checkbox size="small" checked={events.includes(event)} onChange={() => toggle(event)} />}
              label={WEBHOOK_EVENT_LABELS[event]}
              data-testid={`webhook-event-${event}`}
            />
          ))}
        </FormGroup>
        <FormControlLabel
          control={<Switch checked={allowPhi} onChange={(e) => setAllowPhi(e.target.checked)} />}
          label="Include PHI (title, patient reference, description, notes)"
          data-testid="webhook-allow-phi"
        />
        {allowPhi && (
          <Alert severity="warning" data-testid="webhook-phi-warning">
            Deliveries will carry patient information. Turn this on only for a receiver your practice has a business associate agreement
            with, reached over https.
          </Alert>
        )}
        <div>
          <Button variant="contained" onClick={create} disabled={busy} data-testid="create-webhook">
            Register webhook
          </Button>
        </div>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid="webhook-error">
          {error}
        </Alert>
      )}
      {issued && <IssuedSecret issued={issued} />}
    </AdminCard>
  );
}
