// Who changed what, when, from which workstation, by which action, and which values lost a concurrent edit.
import HistoryEduOutlined from '@mui/icons-material/HistoryEduOutlined';
import { Box, Stack, Typography } from '@mui/material';
import type { Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { formatDateTime } from '../../ui/common/labels';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { actionLabel, actorName, actorNames, fieldLabel, formatValue, kindVerb, shortWorkstation, supersededLine } from './history-format';

export function HistoryPanel({ task }: { task: Task }) {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  const names = actorNames(task.history);
  const entries = [...task.history].reverse();
  return (
    <Stack spacing={1.5} component="section" aria-label="History">
      <Typography variant="subtitle2">History</Typography>
      {entries.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          Not uploaded yet: the history starts when the server accepts the task.
        </Typography>
      )}
      {entries.map((entry) => (
        <Box key={`${entry.rev}-${entry.at}`} sx={{ borderLeft: 2, borderColor: 'divider', pl: 1.5 }} data-testid="history-entry">
          <Typography variant="body2">
            <strong>{entry.actorName || actorName(entry.actorId, names, user.id)}</strong>{' '}
            {entry.action ? (
              <>
                took <strong data-testid="history-action">{actionLabel(entry.action)}</strong>
              </>
            ) : (
              kindVerb(entry.kind)
            )}
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            {formatDateTime(entry.at)} · workstation {shortWorkstation(entry.workstationId)}
          </Typography>
          {entry.kind !== 'created' &&
            entry.changes.map((change, i) => (
              <Typography key={i} variant="caption" component="div">
                {fieldLabel(change.field)}: {formatValue(change.field, change.from, user.id, config)} →{' '}
                {formatValue(change.field, change.to, user.id, config)}
              </Typography>
            ))}
          {(entry.superseded ?? []).map((item, i) => (
            <Stack
              key={`s${i}`}
              direction="row"
              spacing={0.75}
              alignItems="center"
              sx={{ mt: 0.5, px: 1, py: 0.5, bgcolor: '#fff8ec', borderRadius: 1, color: '#7a4d0b' }}
              data-testid="history-superseded"
            >
              <HistoryEduOutlined sx={{ fontSize: 16 }} />
              <Typography variant="caption">{supersededLine(item, names, user.id, config)}</Typography>
            </Stack>
          ))}
        </Box>
      ))}
    </Stack>
  );
}
