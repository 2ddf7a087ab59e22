// A new API key for another system: what it is for, the location and queues it may file into, and
// whether it may read back the status of what it filed.
import { Checkbox, FormControlLabel, FormGroup, FormLabel, Switch } from '@mui/material';
import { useState } from 'react';
import { CreateApiKeyRequest, type IssuedApiKey } from '../../../../shared/intake/api-keys';
import { queueOptions } from '../../../catalog/practice-labels';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedKey } from './IssuedKey';
import { NewCredentialCard, useNewCredential } from '../credentials/NewCredentialCard';

export function NewApiKeyCard({ onCreated }: { onCreated(): void }) {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const form = useNewCredential<IssuedApiKey>(onCreated);
  const [queues, setQueues] = useState<string[]>([]);
  const [readStatus, setReadStatus] = useState(true);

  const create = () => {
    const body = CreateApiKeyRequest.safeParse({ name: form.name, scopes: { locationIds: [form.location], queues, readStatus } });
    form.issue(
      body.success ? () => api.createApiKey(body.data) : undefined,
      'Give the key a name (what it is for) and at least one queue it may file into.',
      () => setQueues([]),
    );
  };
  const toggle = (queue: string) => setQueues((qs) => (qs.includes(queue) ? qs.filter((q) => q !== queue) : [...qs, queue]));

  return (
    <NewCredentialCard
      title="New API key"
      description="For another system that files requests into Baton (a scheduling system's missed appointments, a form builder): it files triage tasks into the queues chosen here, of the task types whose queue that is."
      testId="new-api-key-card"
      prefix="api-key"
      nameLabel="What it is for"
      {...form.card}
      createLabel="Create key"
      onCreate={create}
      issued={form.issued && <IssuedKey issued={form.issued} />}
    >
      <FormGroup row aria-labelledby="api-key-queues-label">
        <FormLabel id="api-key-queues-label" sx={{ mr: 2, alignSelf: 'center' }}>
          Queues it may file into
        </FormLabel>
        {queueOptions(config).map((q) => (
          <FormControlLabel
            key={q.value}
            control={<Checkbox size="small" checked={queues.includes(q.value)} onChange={() => toggle(q.value)} />}
            label={q.label}
            data-testid={`api-key-queue-${q.value}`}
          />
        ))}
      </FormGroup>
      <FormControlLabel
        control={<Switch checked={readStatus} onChange={(e) => setReadStatus(e.target.checked)} />}
        label="May read the status of what it filed (received, being worked on, waiting on you, done; nothing else)"
        data-testid="api-key-read-status"
      />
    </NewCredentialCard>
  );
}
