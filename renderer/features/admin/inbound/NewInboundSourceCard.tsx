// A new inbound source: a fax-to-e-mail or inbound e-mail service, the location and task type its
// messages are filed as.
import { Stack } from '@mui/material';
import { useState } from 'react';
import { CreateInboundSourceRequest, type IssuedInboundSource } from '../../../../shared/intake/inbound-sources';
import { typeOptions } from '../../../catalog/practice-labels';
import { NewCredentialCard, useNewCredential } from '../credentials/NewCredentialCard';
import { SelectField } from '../common/SelectField';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from '../workstations/useAdminApi';
import { IssuedSourceSecret } from './IssuedSourceSecret';

const KINDS = [
  { value: 'fax', label: 'Fax (a fax-to-e-mail or fax API service)' },
  { value: 'email', label: 'E-mail (an inbound e-mail service)' },
];

export function NewInboundSourceCard({ onCreated }: { onCreated(): void }) {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const form = useNewCredential<IssuedInboundSource>(onCreated);
  const [kind, setKind] = useState('fax');
  const [typeId, setTypeId] = useState('');

  const create = () => {
    const body = CreateInboundSourceRequest.safeParse({ name: form.name, kind, locationId: form.location, typeId });
    form.issue(
      body.success ? () => api.createInboundSource(body.data) : undefined,
      'Give the source a name (which service or line it is) and the task type its messages become.',
    );
  };

  return (
    <NewCredentialCard
      title="New inbound source"
      description="A fax line or inbox whose service posts each message it receives to Baton: every message becomes a triage task at the location, of the task type chosen here, with its files attached."
      testId="new-inbound-source-card"
      prefix="inbound-source"
      nameLabel="Which service or line"
      {...form.card}
      createLabel="Register source"
      onCreate={create}
      issued={form.issued && <IssuedSourceSecret issued={form.issued} />}
    >
      <Stack direction="row" spacing={1.5} sx={{ maxWidth: 760 }}>
        <SelectField label="Kind" value={kind} options={KINDS} onChange={setKind} testId="inbound-source-kind" />
        <SelectField
          label="Files as task type"
          value={typeId}
          options={typeOptions(config)}
          onChange={setTypeId}
          testId="inbound-source-type"
        />
      </Stack>
    </NewCredentialCard>
  );
}
