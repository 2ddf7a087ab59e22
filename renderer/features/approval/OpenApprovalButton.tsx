// Beside the board's "Needs my approval" tab, for people who give sign-offs: the same items, one
// at a time and one key per decision. The desktop app opens (or focuses) its own window; the web
// host goes to the #/approval route in this tab.
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import { Button } from '@mui/material';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { givesSignOffs } from './approval';
import { getHost } from '../../host';
import { openApprovalWindow } from '../../host/capabilities';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';

export function OpenApprovalButton() {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  if (!givesSignOffs(user.roles, config)) return null;
  return (
    <Button
      size="small"
      startIcon={<FactCheckOutlined />}
      onClick={() => void openApprovalWindow(getHost())}
      data-testid="open-approval"
      sx={{ textTransform: 'none', whiteSpace: 'nowrap' }}
    >
      Sign off one by one
    </Button>
  );
}
