// The enrolled workstations of the admin's locations (name, location, last seen, release) and
// revoking one: its sessions end now, and at its next contact the app wipes its local replicas.
import { Button, Chip, TableCell, TableRow } from '@mui/material';
import { useState } from 'react';
import type { AdminWorkstation } from '../../../../shared/workstation-admin';
import { locationLabel } from '../../../catalog/practice-labels';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { ServerListCard } from '../common/ServerListCard';
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
    <ServerListCard
      title="Enrolled workstations"
      description="Last seen and release are those of the workstation's last sign-in, token refresh or start-up check."
      testId="enrolled-workstations"
      headers={['Name', 'Location', 'Enrolled', 'Last seen', 'App version', 'Status', '']}
      error={error}
      count={items?.length ?? null}
      emptyText="No workstation is enrolled at your locations yet."
      onRefresh={() => void load()}
      footer={
        revoking && (
          <RevokeWorkstationDialog
            workstation={revoking}
            onConfirm={() => api.revokeWorkstation(revoking.id).then(load)}
            onClose={() => setRevoking(null)}
          />
        )
      }
    >
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
    </ServerListCard>
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
