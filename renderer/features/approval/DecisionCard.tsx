// Everything needed to decide one item: what it is, for whom, what is asked, what was done.
import CheckBoxOutlined from '@mui/icons-material/CheckBoxOutlined';
import CheckBoxOutlineBlank from '@mui/icons-material/CheckBoxOutlineBlank';
import { Box, Divider, Paper, Stack, Typography } from '@mui/material';
import type { PracticeConfig } from '../../../shared/config/practice';
import { STATUS_LABELS, type Task } from '../../../shared/task';
import { formatWaited, waitingSince } from './approval';
import { formatDateTime } from '../../ui/common/labels';
import { PriorityChip } from '../../ui/common/PriorityChip';
import { AttachmentsPanel, HistoryPanel } from '../task';

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ textTransform: 'uppercase', letterSpacing: 0.4 }}>
        {label}
      </Typography>
      <Typography sx={{ fontSize: '1.05rem', fontWeight: 600 }} data-testid={testId}>
        {value || '—'}
      </Typography>
    </Box>
  );
}

export function DecisionCard({ task, config, now, position }: { task: Task; config: PracticeConfig; now: number; position: string }) {
  const type = config.taskTypes.get(task.typeId);
  const person = (id: string) => (id ? (config.staff.get(id)?.displayName ?? id) : '');
  return (
    <Paper
      component="article"
      aria-label="Item to decide"
      data-testid="approval-item"
      data-task-id={task.id}
      sx={{ p: 4, border: 1, borderColor: 'divider', maxWidth: 920, mx: 'auto' }}
    >
      <Stack direction="row" spacing={1.5} alignItems="center" sx={{ mb: 1.5 }}>
        <Typography variant="overline" sx={{ fontSize: '0.85rem', color: 'primary.main', fontWeight: 700 }} data-testid="approval-type">
          {type?.label ?? task.typeId}
        </Typography>
        <PriorityChip priority={task.priority} />
        <Typography variant="body2" color="text.secondary">
          {STATUS_LABELS[task.status]}
        </Typography>
        <Box sx={{ flex: 1 }} />
        <Typography variant="body2" color="text.secondary">
          {position}
        </Typography>
      </Stack>
      <Typography component="h2" sx={{ fontSize: '1.75rem', fontWeight: 600, lineHeight: 1.25, mb: 2 }} data-testid="approval-title">
        {task.title}
      </Typography>
      <Stack direction="row" spacing={5} sx={{ mb: 3 }} flexWrap="wrap" useFlexGap>
        <Fact label="Patient" value={task.patientRef} testId="approval-patient" />
        <Fact label="Waiting for you" value={formatWaited(waitingSince(task), now)} testId="approval-waited" />
        <Fact label="Owner" value={person(task.ownerId)} />
        <Fact label="Provider" value={person(task.providerId)} />
        <Fact label="Due" value={formatDateTime(task.dueAt)} />
      </Stack>
      <Typography variant="subtitle2" gutterBottom>
        The request
      </Typography>
      <Typography sx={{ fontSize: '1.1rem', lineHeight: 1.6, whiteSpace: 'pre-wrap', mb: 3 }} data-testid="approval-description">
        {task.description || 'No details given.'}
      </Typography>
      {/* The documents the decision rests on (a referral letter, a lab result), opened in place. */}
      <Box sx={{ mb: 3 }}>
        <AttachmentsPanel task={task} />
      </Box>
      {task.checklist.length > 0 && (
        <Box component="section" aria-label="Checklist" sx={{ mb: 3 }}>
          <Typography variant="subtitle2" gutterBottom>
            Checklist
          </Typography>
          {task.checklist.map((item) => (
            <Stack key={item.id} direction="row" spacing={1} alignItems="center" sx={{ py: 0.25 }}>
              {item.done ? <CheckBoxOutlined color="success" /> : <CheckBoxOutlineBlank color="disabled" />}
              <Typography sx={{ fontSize: '1rem', color: item.done ? 'text.primary' : 'text.secondary' }}>{item.label}</Typography>
            </Stack>
          ))}
        </Box>
      )}
      <Box component="section" aria-label="Notes" sx={{ mb: 3 }}>
        <Typography variant="subtitle2" gutterBottom>
          Notes ({task.notes.length})
        </Typography>
        {task.notes.length === 0 && <Typography color="text.secondary">No notes.</Typography>}
        {task.notes.map((note) => (
          <Box key={note.id} sx={{ bgcolor: '#f6f8fa', borderRadius: 1.5, px: 1.5, py: 1, mb: 1 }}>
            <Typography variant="caption" color="text.secondary">
              {note.authorName} · {formatDateTime(note.at)}
            </Typography>
            <Typography sx={{ fontSize: '1rem', whiteSpace: 'pre-wrap' }}>{note.text}</Typography>
          </Box>
        ))}
      </Box>
      <Divider sx={{ mb: 2 }} />
      <HistoryPanel task={task} />
    </Paper>
  );
}
