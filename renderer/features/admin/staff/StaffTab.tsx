// Who is out: one switch per person (marked out until cleared), and planned out-of-office days with
// the person covering. Routing, reviews, reminders and escalations go to the coverer meanwhile.
// Managers change this for staff of their locations, the admin for anyone.
import {
  Alert,
  Button,
  Chip,
  InputAdornment,
  Paper,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useState } from 'react';
import { configId, type StaffMember } from '../../../../shared/config/schemas';
import { isOut } from '../../../../shared/coverage/coverage';
import { mayEditEntry } from '../../../../shared/policy';
import { OutOfOfficeDialog } from '../coverage/OutOfOfficeDialog';
import { outOfOfficeText } from '../coverage/out-of-office-text';
import { useNow } from '../../../ui/hooks/useNow';
import { entriesOf } from '../admin-config';
import { matchesSearch } from '../admin-forms';
import { ROLE_LABELS } from '../../../ui/common/labels';
import { labelOf, queueOptions } from '../common/options';
import { useMayEdit, usePracticeConfig } from '../usePracticeConfig';
import { useSaveEntry } from '../useSaveEntry';
import { useWorkspace } from '../../../workspace/WorkspaceContext';
import { ownerCounts$, type OwnerCounts } from '../../board';
import { useObservable } from '../../../ui/hooks/useObservable';

const NO_COUNTS = new Map<string, OwnerCounts>();

export function StaffTab() {
  const { config } = usePracticeConfig();
  const mayEdit = useMayEdit('staff');
  const { status, save } = useSaveEntry('staff');
  const [query, setQuery] = useState('');
  const { workspace, user } = useWorkspace();
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const now = useNow();
  const mayEditRow = (key: string, body: StaffMember) =>
    mayEdit &&
    mayEditEntry(
      { id: user.id, roles: user.roles, locationIds: user.locationIds ?? [] },
      { id: configId('staff', key), kind: 'staff', body },
    );
  // Each person's open and overdue work, from this replica (an admin's holds no tasks: no counts).
  const counts = useObservable(() => ownerCounts$(workspace.db), NO_COUNTS, [workspace]);
  const readsTasks = counts.size > 0;
  const queues = queueOptions(config);
  const rows = entriesOf(config, 'staff').filter((e) =>
    matchesSearch(query, e.body.displayName, ROLE_LABELS[e.body.role], ...e.body.queues.map((q) => labelOf(queues, q))),
  );
  const setOut = (key: string, body: StaffMember, out: boolean) => void save(key, { ...body, out });

  return (
    <Paper variant="outlined" sx={{ height: '100%', overflow: 'auto' }}>
      <Stack direction="row" spacing={2} alignItems="center" sx={{ p: 1.5, borderBottom: 1, borderColor: 'divider' }}>
        <TextField
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search staff"
          sx={{ width: 300 }}
          slotProps={{
            htmlInput: { 'aria-label': 'Search staff', 'data-testid': 'admin-search' },
            input: {
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon fontSize="small" />
                </InputAdornment>
              ),
            },
          }}
        />
        <Typography variant="body2" color="text.secondary">
          Routing skips people marked out and picks the next person in the pool.
        </Typography>
      </Stack>
      {!mayEdit && (
        <Alert severity="info" variant="outlined" sx={{ m: 1.5 }} data-testid="admin-read-only">
          Read only: an administrator or a manager marks people out (everyone sets their own out-of-office from their menu).
        </Alert>
      )}
      {status.state === 'failed' && (
        <Alert severity="error" sx={{ m: 1.5 }}>
          Not saved: {status.message}
        </Alert>
      )}
      <Table size="small" aria-label="Staff">
        <TableHead>
          <TableRow>
            <TableCell>Name</TableCell>
            <TableCell>Role</TableCell>
            <TableCell>Queues</TableCell>
            <TableCell align="right">Open</TableCell>
            <TableCell align="right">Overdue</TableCell>
            <TableCell>Out of office</TableCell>
            <TableCell align="right">Out</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ key, body }) => (
            <TableRow key={key} hover data-testid="staff-row" data-key={key}>
              <TableCell>
                <Stack direction="row" spacing={1} alignItems="center">
                  <span>{body.displayName}</span>
                  {isOut(body, now, config) && <Chip label="Out" color="warning" variant="outlined" data-testid="staff-out-chip" />}
                </Stack>
              </TableCell>
              <TableCell>{ROLE_LABELS[body.role]}</TableCell>
              <TableCell>{body.queues.map((q) => labelOf(queues, q)).join(', ') || '—'}</TableCell>
              <TableCell align="right" data-testid="staff-open">
                {readsTasks ? (counts.get(key)?.open ?? 0) : '—'}
              </TableCell>
              <TableCell align="right" data-testid="staff-overdue">
                {readsTasks ? (counts.get(key)?.overdue ?? 0) : '—'}
              </TableCell>
              <TableCell data-testid="staff-away">
                <Stack direction="row" spacing={1} alignItems="center">
                  <span>{outOfOfficeText(body, config)}</span>
                  {mayEditRow(key, body) && (
                    <Button
                      size="small"
                      onClick={() => setEditing(body)}
                      data-testid="staff-away-edit"
                      aria-label={`Set out of office of ${body.displayName}`}
                    >
                      Set…
                    </Button>
                  )}
                </Stack>
              </TableCell>
              <TableCell align="right">
                <Switch
                  checked={body.out}
                  disabled={!mayEditRow(key, body)}
                  onChange={(e) => setOut(key, body, e.target.checked)}
                  slotProps={{ input: { 'aria-label': `${body.displayName} is out` } }}
                  data-testid="staff-out"
                />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {editing && <OutOfOfficeDialog open person={editing} config={config} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
