// The signed-in user, lock (switch person) and sign-out (the local replica stays on the workstation).
import { Avatar, Button, ListItemText, Menu, MenuItem } from '@mui/material';
import { useState } from 'react';
import { ChangePasswordDialog } from '../../features/session';
import { SetPinDialog } from '../../features/session';
import { navigate } from '../../workspace/route';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { mayOpenAdmin } from '../../features/admin';
import { useSession } from '../../features/session';
import { ROLE_LABELS } from '../../ui/common/labels';
import { OutOfOfficeDialog } from '../../features/admin';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';

export function UserMenu() {
  const { user } = useWorkspace();
  const signOut = useSession((s) => s.signOut);
  const lock = useSession((s) => s.lock);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [pinOpen, setPinOpen] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [awayOpen, setAwayOpen] = useState(false);
  const config = usePracticeConfig();
  /** The person's own staff entry: where they set their own out-of-office. */
  const me = config.staff.get(user.id);
  const initials = user.displayName
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  /** A menu entry's click: the menu closes, then the entry acts. */
  const choose = (act: () => void) => () => {
    setAnchor(null);
    act();
  };
  return (
    <>
      <Button color="inherit" onClick={(e) => setAnchor(e.currentTarget)} data-testid="user-menu" sx={{ gap: 1 }}>
        <Avatar sx={{ width: 26, height: 26, fontSize: 11, fontWeight: 600, bgcolor: 'secondary.main' }}>{initials}</Avatar>
        {user.displayName}
      </Button>
      <Menu anchorEl={anchor} open={!!anchor} onClose={() => setAnchor(null)}>
        <MenuItem disabled>
          <ListItemText primary={user.displayName} secondary={user.roles.map((r) => ROLE_LABELS[r]).join(', ')} />
        </MenuItem>
        {mayOpenAdmin(user.roles) && (
          <MenuItem onClick={choose(() => navigate('admin'))} data-testid="open-admin">
            Practice configuration
          </MenuItem>
        )}
        <MenuItem onClick={choose(() => void lock('manual'))} data-testid="lock">
          <ListItemText primary="Lock" secondary="Ctrl+L · switch person" />
        </MenuItem>
        {me && (
          <MenuItem onClick={choose(() => setAwayOpen(true))} data-testid="my-out-of-office">
            Out of office…
          </MenuItem>
        )}
        <MenuItem onClick={choose(() => setPinOpen(true))} data-testid="set-pin">
          Set PIN…
        </MenuItem>
        <MenuItem onClick={choose(() => setPasswordOpen(true))} data-testid="change-password">
          Change password…
        </MenuItem>
        <MenuItem onClick={choose(() => void signOut())} data-testid="sign-out">
          Sign out
        </MenuItem>
      </Menu>
      <SetPinDialog open={pinOpen} onClose={() => setPinOpen(false)} />
      <ChangePasswordDialog open={passwordOpen} onClose={() => setPasswordOpen(false)} />
      {awayOpen && me && <OutOfOfficeDialog open person={me} config={config} onClose={() => setAwayOpen(false)} />}
    </>
  );
}
