// '#/admin': the practice configuration. Admins edit everything, managers mark staff out; anyone
// else sees that they have no access. Refused changes show in the usual banner.
import { Box } from '@mui/material';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { mayOpenAdmin } from './admin-config';
import { RejectionList } from '../sync-status';
import { AdminTopBar } from '../../ui/common/AdminTopBar';
import { NoAccess } from './NoAccess';
import { PracticeConfiguration } from './PracticeConfiguration';

export function AdminScreen() {
  const { user } = useWorkspace();
  return (
    <Box sx={{ height: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <AdminTopBar />
      <RejectionList />
      <Box component="main" sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        {mayOpenAdmin(user.roles) ? <PracticeConfiguration /> : <NoAccess />}
      </Box>
    </Box>
  );
}
