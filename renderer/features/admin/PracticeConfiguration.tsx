// The tabs of the configuration screen; a manager starts on Staff, the only tab they may change.
import { Box, Paper, Tab, Tabs } from '@mui/material';
import { useState } from 'react';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { QueuesCategoriesTab } from './labels/QueuesCategoriesTab';
import { LocationsTab } from './locations/LocationsTab';
import { PeopleTab } from './people/PeopleTab';
import { ReasonCodesTab } from './reason-codes/ReasonCodesTab';
import { RoutingRulesTab } from './routing/RoutingRulesTab';
import { StaffTab } from './staff/StaffTab';
import { TaskTypesTab } from './task-types/TaskTypesTab';
import { WorkstationsTab } from './workstations/WorkstationsTab';
import { ApiKeysTab } from './api-keys/ApiKeysTab';
import { WebhooksTab } from './webhooks/WebhooksTab';
import { RequestTypesTab } from './patient-requests/RequestTypesTab';
import { InboundTab } from './inbound/InboundTab';

const TABS = [
  { id: 'task_types', label: 'Task types', render: () => <TaskTypesTab /> },
  { id: 'routing', label: 'Routing rules', render: () => <RoutingRulesTab /> },
  { id: 'reasons', label: 'Reason codes', render: () => <ReasonCodesTab /> },
  { id: 'staff', label: 'Staff (who is out)', render: () => <StaffTab /> },
  { id: 'labels', label: 'Queues & categories', render: () => <QueuesCategoriesTab /> },
  { id: 'locations', label: 'Locations', render: () => <LocationsTab /> },
  { id: 'patient_requests', label: 'Patient requests', render: () => <RequestTypesTab /> },
  { id: 'people', label: 'People & roles', render: () => <PeopleTab />, adminOnly: true },
  { id: 'workstations', label: 'Workstations & audit', render: () => <WorkstationsTab />, adminOnly: true },
  { id: 'api_keys', label: 'API keys', render: () => <ApiKeysTab />, adminOnly: true },
  { id: 'webhooks', label: 'Webhooks', render: () => <WebhooksTab />, adminOnly: true },
  { id: 'inbound', label: 'Inbound fax & e-mail', render: () => <InboundTab />, adminOnly: true },
] as const;
type TabId = (typeof TABS)[number]['id'];

export function PracticeConfiguration() {
  const { user } = useWorkspace();
  const [tab, setTab] = useState<TabId>(user.roles.includes('admin') ? 'task_types' : 'staff');
  // People, enrollment, sessions and the audit export are the server's admin API: administrators only.
  const tabs = TABS.filter((t) => !('adminOnly' in t) || user.roles.includes('admin'));
  const current = tabs.find((t) => t.id === tab) ?? tabs[0];
  return (
    <Box sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', px: 3, pt: 2, pb: 3, gap: 2 }}>
      <Paper variant="outlined" sx={{ px: 1 }}>
        <Tabs value={tab} onChange={(_, value: TabId) => setTab(value)} aria-label="Configuration sections">
          {tabs.map((t) => (
            <Tab key={t.id} value={t.id} label={t.label} data-testid={`admin-tab-${t.id}`} />
          ))}
        </Tabs>
      </Paper>
      <Box sx={{ flex: 1, minHeight: 0 }} role="tabpanel" aria-label={current.label}>
        {current.render()}
      </Box>
    </Box>
  );
}
