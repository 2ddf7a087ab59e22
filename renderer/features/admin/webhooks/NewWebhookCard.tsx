// A new outbound webhook: the receiver's URL, the events it hears of, and whether its deliveries
// may carry PHI (off unless the admin turns it on, with a warning).
import { Alert, Checkbox, FormControlLabel, FormGroup, FormLabel, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import {
  CreateWebhookRequest,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  webhookUrlProblem,
  type IssuedWebhook,
  type WebhookEventType,
} from '../../../../shared/intake/webhooks';
import { NewCredentialCard, useNewCredential } from '../credentials/NewCredentialCard';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedWebhookSecret } from './IssuedWebhookSecret';

export function NewWebhookCard({ onCreated }: { onCreated(): void }) {
  const api = useAdminApi();
  const form = useNewCredential<IssuedWebhook>(onCreated);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>(['task.created', 'task.status_changed']);
  const [allowPhi, setAllowPhi] = useState(false);

  const create = () => {
    const problem = webhookUrlProblem(url);
    const body = CreateWebhookRequest.safeParse({ url, events, name: form.name || undefined, allowPhi });
    form.issue(!problem && body.success ? () => api.createWebhook(body.data) : undefined, problem ?? 'Choose at least one event.', () => {
      setUrl('');
      setAllowPhi(false);
    });
  };
  const toggle = (event: WebhookEventType) => setEvents((es) => (es.includes(event) ? es.filter((e) => e !== event) : [...es, event]));

  return (
    <NewCredentialCard
      title="New webhook"
      description="Baton tells another system (a patient portal, a data warehouse) when tasks of your locations are created, change status, are approved, rejected or escalated: a signed POST to its URL, retried for 24 hours."
      testId="new-webhook-card"
      prefix="webhook"
      nameLabel="Name (optional)"
      {...form.card}
      noLocation
      leading={
        <TextField
          size="small"
          label="Receiver URL (https)"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          sx={{ minWidth: 420 }}
          slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'webhook-url' } }}
        />
      }
      createLabel="Register webhook"
      onCreate={create}
      issued={form.issued && <IssuedWebhookSecret issued={form.issued} />}
    >
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
          Deliveries will carry patient information. Turn this on only for a receiver your practice has a business associate agreement with,
          reached over https.
        </Alert>
      )}
    </NewCredentialCard>
  );
}
