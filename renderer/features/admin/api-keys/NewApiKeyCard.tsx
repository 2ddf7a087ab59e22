// A new API key for another system: what it is for, the location and queues it may file into, and
// whether it may read back the status of what it filed.
import { Alert, Button, Checkbox, FormControlLabel, FormGroup, FormLabel, Stack, Switch, TextField } from '@mui/material';
import { useState } from 'react';
import { CreateApiKeyRequest, type IssuedApiKey } from '../../../../shared/intake/api-keys';
import { queueOptions } from '../../../catalog/practice-labels';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { usePracticeConfig } from '../usePracticeConfig';
import { LocationSelect, useAdminLocations } from '../workstations/LocationSelect';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedKey } from './IssuedKey';

export function NewApiKeyCard({ onCreated }: { onCreated(): void }) {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const [name, setName] = useState('');
  const [location, setLocation] = useState(useAdminLocations()[0]);
  const [queues, setQueues] = useState<string[]>([]);
  const [readStatus, setReadStatus] = useState(true);
  const [issued, setIssued] = useState<IssuedApiKey | null>(null);
  const { busy, error, setError, run } = useServerCall();

  const create = () => {
    const body = CreateApiKeyRequest.safeParse({ name, scopes: { locationIds: [location], queues, readStatus } });
    if (!body.success) return setError('Give the key a name (what it is for) and at least one queue it may file into.');
    setIssued(null);
    void run(async () => {
      setIssued(await api.createApiKey(body.data));
      setName('');
      setQueues([]);
      onCreated();
    });
  };
  const toggle = (queue: string) => setQueues((qs) => (qs.includes(queue) ? qs.filter((q) => q !== queue) : [...qs, queue]));

  return (
    <AdminCard
      title="New API key"
      description="For another system that files requests into Baton (a scheduling system's missed appointments, a form builder): it files triage tasks into the queues chosen here, of the task types whose queue that is."
      testId="new-api-key-card"
    >
      <Stack spacing={1.5}>
        <Stack direction="row" spacing={1.5} alignItems="center">
          <TextField
            size="small"
            label="What it is for"
            value={name}
            onChange={(e) => setName(e.target.value)}
            sx={{ minWidth: 320 }}
            slotProps={{ htmlInput: { maxLength: 80, 'data-testid': 'api-key-name' } }}
          />
          <LocationSelect value={location} onChange={setLocation} />
        </Stack>
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
        <div>
          <Button variant="contained" onClick={create} disabled={busy} data-testid="create-api-key">
            Create key
          </Button>
        </div>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid="api-key-error">
          {error}
        </Alert>
      )}
      {issued && <IssuedKey issued={issued} />}
    </AdminCard>
  );
}
