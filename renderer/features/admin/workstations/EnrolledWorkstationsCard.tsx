// The enrolled workstations of the admin's locations (name, location, last seen, release) and
// revoking one: its sessions end now, and at its next contact the app wipes its local replicas.
import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useState } from 'react';
import type { AdminWorkstation } from '../../../../shared/workstation-admin';
import { locationLabel } from '../../../catalog/practice-labels';
import { AdminCard } from '../common/AdminCard';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useServerList } from '../common/useServerList';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from './useAdminApi';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function EnrolledWorkstationsCard() {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const { items, error, load } = useServerList(api.listWorkstations);
  const [revoking, setRevoking] = useState<AdminWorkstation | null>(null);

  return (
    <AdminCard
      title="Enrolled workstations"
      description="Last seen and release are those of the workstation's last sign-in, token refresh or start-up check."
      testId="enrolled-workstations"
      actions={
        <Button size="small" onClick={() => void load()}>
          Refresh
        </Button>
      }
    >
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Location</TableCell>
            <TableCell>Enrolled</TableCell>
            <TableCell>Last seen</TableCell>
            <TableCell>App version</TableCell>
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(items ?? []).map((w) => (
            <TableRow key={w.id} data-testid="workstation-row" data-workstation-id={w.id}>
              <TableCell>{w.name}</TableCell>
              <TableCell>{locationLabel(config, w.locationId)}</TableCell>
              <TableCell>{when(w.enrolledAt)}</TableCell>
              <TableCell>{when(w.lastSeenAt)}</TableCell>
              <TableCell>{w.appVersion ?? '—'}</TableCell>
              <TableCell>
                {w.revokedAt ? (
                  <Chip size="small" color="error" label={`Revoked ${when(w.revokedAt)}`} />
                ) : (
                  <Chip size="small" label="Active" variant="outlined" />
                )}
              </TableCell>
              <TableCell align="right">
                {!w.revokedAt && (
                  <Button size="small" color="error" onClick={() => setRevoking(w)} aria-label={`Revoke workstation ${w.name}`}>
                    Revoke…
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {items?.length === 0 && <Alert severity="info">No workstation is enrolled at your locations yet.</Alert>}
      {revoking && (
        <RevokeWorkstationDialog
          workstation={revoking}
          onConfirm={() => api.revokeWorkstation(revoking.id).then(load)}
          onClose={() => setRevoking(null)}
        />
      )}
    </AdminCard>
  );
}

function RevokeWorkstationDialog({
  workstation,
  onConfirm,
  onClose,
}: {
  workstation: AdminWorkstation;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  return (
    <ConfirmDialog
      title={`Revoke and wipe ${workstation.name}?`}
      text="Everyone signed in there is signed out now and nobody can sign in there again. The next time it reaches the server, Baton deletes every local replica and key on it, including changes made there that were never uploaded. To use it again, enroll it anew."
      confirmLabel="Revoke and wipe"
      danger
      testId="confirm-revoke-workstation-dialog"
      onConfirm={onConfirm}
      onClose={onClose}
    />
  );
}
