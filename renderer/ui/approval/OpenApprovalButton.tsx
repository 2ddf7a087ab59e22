// Opens the approval window from anywhere (the lead wires it into the board's top bar). In the
// web host `newWindow` opens it beside the board; the desktop shell opens its own window.
import FactCheckOutlined from '@mui/icons-material/FactCheckOutlined';
import { Button } from '@mui/material';
import { navigate } from '../../app/route';

export const APPROVAL_HASH = '#/approval';

export function openApproval(newWindow = false): void {
  if (newWindow) window.open(`${window.location.pathname}${APPROVAL_HASH}`, 'baton-approval', 'noopener');
  else navigate('approval');
}

export function OpenApprovalButton({ newWindow = false, label = 'Approvals' }: { newWindow?: boolean; label?: string }) {
  return (
    <Button variant="outlined" startIcon={<FactCheckOutlined />} onClick={() => openApproval(newWindow)} data-testid="open-approval">
      {label}
    </Button>
  );
}
