// Admin only, online only: outbound webhooks that tell other systems about tasks, and their logs.
import { Stack } from '@mui/material';
import { useState } from 'react';
import { useServerList } from '../common/useServerList';
import { useAdminApi } from '../workstations/useAdminApi';
import { DeliveryLog } from './DeliveryLog';
import { NewWebhookCard } from './NewWebhookCard';
import { WebhooksCard } from './WebhooksCard';

export function WebhooksTab() {
  const api = useAdminApi();
  const list = useServerList(api.listWebhooks);
  const [selected, setSelected] = useState<string | null>(null);
  const webhook = list.items?.find((w) => w.id === selected);
  return (
    <Stack spacing={2} sx={{ height: '100%', overflow: 'auto' }}>
      <NewWebhookCard onCreated={() => void list.load()} />
      <WebhooksCard list={list} selected={selected} onSelect={setSelected} />
      {webhook && <DeliveryLog key={webhook.id} webhook={webhook} />}
    </Stack>
  );
}
