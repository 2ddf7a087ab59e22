// Admin only, online only: fax lines and inboxes whose services file what they receive into Baton.
import { Stack } from '@mui/material';
import { useServerList } from '../common/useServerList';
import { useAdminApi } from '../workstations/useAdminApi';
import { InboundSourcesCard } from './InboundSourcesCard';
import { NewInboundSourceCard } from './NewInboundSourceCard';

export function InboundTab() {
  const api = useAdminApi();
  const list = useServerList(api.listInboundSources);
  return (
    <Stack spacing={2} sx={{ height: '100%', overflow: 'auto' }}>
      <NewInboundSourceCard onCreated={() => void list.load()} />
      <InboundSourcesCard list={list} />
    </Stack>
  );
}
