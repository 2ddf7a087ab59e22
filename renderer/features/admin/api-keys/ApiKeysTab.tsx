// Admin only, online only: API keys for other systems that file requests into Baton.
import { Stack } from '@mui/material';
import { useServerList } from '../common/useServerList';
import { useAdminApi } from '../workstations/useAdminApi';
import { ApiKeysCard } from './ApiKeysCard';
import { NewApiKeyCard } from './NewApiKeyCard';

export function ApiKeysTab() {
  const api = useAdminApi();
  const list = useServerList(api.listApiKeys);
  return (
    <Stack spacing={2} sx={{ height: '100%', overflow: 'auto' }}>
      <NewApiKeyCard onCreated={() => void list.load()} />
      <ApiKeysCard list={list} />
    </Stack>
  );
}
