// Who is signed in where, and revoking a session (its stream closes within seconds, its next
// request is refused).
import { Alert, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { staffName } from '../../../catalog/practice-labels';
import { AdminCard } from '../common/AdminCard';
import { useServerList } from '../common/useServerList';
import { usePracticeConfig } from '../usePracticeConfig';
import { useAdminApi } from './useAdminApi';

export function SessionsCard() {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const { items: sessions, error, setError, load } = useServerList(api.listSessions);

  const revoke = async (id: string) => {
    try {
      await api.revokeSession(id);
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const nameOf = (userId: string) => staffName(config, userId);

  return (
    <AdminCard
      title="Signed-in sessions"
      actions={
        <Button size="small" onClick={() => void load()}>
          Refresh
        </Button>
      }
    >
      {error && <Alert severity="error">{error}</Alert>}
      <Table size="small" data-testid="sessions-table">
        <TableHead>
          <TableRow>
            <TableCell>Person</TableCell>
            <TableCell>Workstation</TableCell>
            <TableCell>Signed in</TableCell>
            <TableCell>Ends</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(sessions ?? []).map((s) => (
            <TableRow key={s.id} data-testid="session-row">
              <TableCell>{nameOf(s.userId)}</TableCell>
              <TableCell>
                {s.workstationId || '—'} {!s.workstationEnrolled && <Chip size="small" label="not enrolled" variant="outlined" />}
              </TableCell>
              <TableCell>{new Date(s.createdAt).toLocaleString()}</TableCell>
              <TableCell>{new Date(s.expiresAt).toLocaleString()}</TableCell>
              <TableCell align="right">
                <Button
                  size="small"
                  color="error"
                  onClick={() => void revoke(s.id)}
                  aria-label={`Revoke the session of ${nameOf(s.userId)}`}
                >
                  Revoke
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </AdminCard>
  );
}
