// Who did what, said as sentences (history-sentences.ts), when, from which workstation, and which
// values lost a concurrent edit.
import HistoryEduOutlined from '@mui/icons-material/HistoryEduOutlined';
import { Box, Stack, Typography } from '@mui/material';
import type { Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { formatDateTime } from '../../ui/common/labels';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { actorName, actorNames, supersededLine, workstationLabel } from './history-format';
import { entrySentences } from './history-sentences';
import { getHost } from '../../host';

export function HistoryPanel({ task }: { task: Task }) {
  const { user } = useWorkspace();
  const config = usePracticeConfig();
  const names = actorNames(task.history);
  const entries = [...task.history].reverse();
  const here = getHost().getWorkstationId();
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
            <span data-testid="history-sentences">{entrySentences(entry, user.id, config).join(' · ')}</span>
          </Typography>
          <Typography variant="caption" color="text.secondary" component="div">
            {formatDateTime(entry.at)} · {workstationLabel(entry.workstationId, entry.workstationName, here)}
          </Typography>
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
              <Typography variant="caption">{supersededLine(item, names, user.id, config, here)}</Typography>
            </Stack>
          ))}
        </Box>
      ))}
    </Stack>
  );
}
