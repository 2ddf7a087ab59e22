// Admin only, online only: everyone in the practice with their roles, locations and whether they
// may sign in; adding people, editing access, resetting passwords and (de)activating go to the
// server's admin API, which audits them. The person's staff list entry follows each change (so a
// new person can be assigned work, and a deactivated one is no longer routed to).
import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useState } from 'react';
import type { AdminUser } from '../../../../shared/wire';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { locationLabel } from '../../../catalog/practice-labels';
import { ROLE_LABELS } from '../../../ui/common/labels';
import { useOnline } from '../../../ui/hooks/useSyncState';
import { AdminCard } from '../common/AdminCard';
import { usePracticeConfig } from '../usePracticeConfig';
import { AddPersonDialog } from './AddPersonDialog';
import { ConfirmActiveDialog } from './ConfirmActiveDialog';
import { PersonAccessDialog } from './PersonAccessDialog';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { usePeople } from './usePeople';
import { useStaffEntry } from './useStaffEntry';

export function PeopleTab() {
  const { user } = useWorkspace();
  const { config } = usePracticeConfig();
  const online = useOnline();
  const { api, people, error, load, change } = usePeople(online);
  const saveStaffEntry = useStaffEntry();
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [confirming, setConfirming] = useState<AdminUser | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<AdminUser | null>(null);

  return (
    <AdminCard
      title="People & roles"
      sx={{ height: '100%', overflow: 'auto' }}
      testId="people-section"
      actions={
        <>
          <Button size="small" variant="outlined" onClick={() => setAdding(true)} disabled={!online} data-testid="person-add">
            Add person
          </Button>
          <Button size="small" onClick={() => void load()} disabled={!online}>
            Refresh
          </Button>
        </>
      }
      description="What a person reads and may do is the union of their roles, at their locations. A change applies on their workstations at once, without signing in again."
    >
      {!online && (
        <Alert severity="warning" sx={{ mb: 1.5 }} data-testid="people-offline">
          You are offline. People and roles are changed on the server: connect this workstation to see and change them.
        </Alert>
      )}
      {error && online && (
        <Alert severity="error" sx={{ mb: 1.5 }}>
          {error}
        </Alert>
      )}
      {online && people && (
        <Table size="small" aria-label="People and roles" data-testid="people-table">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Username</TableCell>
              <TableCell>Roles</TableCell>
              <TableCell>Locations</TableCell>
              <TableCell>Status</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {people.map((p) => (
              <TableRow key={p.id} data-testid="person-row" data-person={p.username}>
                <TableCell>
                  {p.displayName}
                  {p.id === user.id && ' (you)'}
                </TableCell>
                <TableCell>{p.username}</TableCell>
                <TableCell data-testid="person-roles">{p.roles.map((r) => ROLE_LABELS[r]).join(', ') || '—'}</TableCell>
                <TableCell data-testid="person-locations">{p.locationIds.map((l) => locationLabel(config, l)).join(', ')}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    data-testid="person-status"
                    label={p.active ? 'Active' : 'Deactivated'}
                    color={p.active ? 'success' : 'default'}
                    variant="outlined"
                  />
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="small"
                    onClick={() => setEditing(p)}
                    aria-label={`Edit roles of ${p.displayName}`}
                    data-testid="person-edit"
                  >
                    Edit roles
                  </Button>
                  <Button
                    size="small"
                    onClick={() => setResetting(p)}
                    aria-label={`Reset password of ${p.displayName}`}
                    data-testid="person-reset-password"
                  >
                    Reset password
                  </Button>
                  <Button
                    size="small"
                    color={p.active ? 'error' : 'primary'}
                    onClick={() => setConfirming(p)}
                    aria-label={`${p.active ? 'Deactivate' : 'Activate'} ${p.displayName}`}
                    data-testid="person-toggle-active"
                  >
                    {p.active ? 'Deactivate' : 'Activate'}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing && (
        <PersonAccessDialog
          person={editing}
          onClose={() => setEditing(null)}
          onSave={(patch) =>
            change(async () => {
              const updated = await api.updateUserAccess(editing.id, patch);
              await saveStaffEntry({ ...editing, ...updated });
            })
          }
        />
      )}
      {adding && (
        <AddPersonDialog
          adminLocationIds={user.locationIds ?? []}
          onClose={() => setAdding(false)}
          onSave={async (body) => {
            const created = await api.createUser(body);
            await saveStaffEntry(created);
            void load();
            return created;
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          person={resetting}
          onClose={() => setResetting(null)}
          onSave={(password) => api.resetPassword(resetting.id, password)}
        />
      )}
      {confirming && (
        <ConfirmActiveDialog
          person={confirming}
          onClose={() => setConfirming(null)}
          onConfirm={() =>
            change(async () => {
              await api.setUserActive(confirming.id, !confirming.active);
              await saveStaffEntry(confirming, { out: confirming.active });
            })
          }
        />
      )}
    </AdminCard>
  );
}
