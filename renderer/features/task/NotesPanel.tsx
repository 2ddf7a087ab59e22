// Notes: append-only, merged from every workstation.
import { Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import type { Task } from '../../../shared/task';
import { useWorkspace } from '../../workspace/WorkspaceContext';
import { addNote } from '../../db/tasks';
import { formatDateTime } from '../../ui/common/labels';
import { usePracticeConfig } from '../../ui/hooks/usePracticeConfig';
import { useTaskPermissions } from '../../ui/hooks/useTaskPermissions';

export function NotesPanel({ task }: { task: Task }) {
  const { workspace, actor } = useWorkspace();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const templates = usePracticeConfig().taskTypes.get(task.typeId)?.noteTemplates ?? [];
  const mayAdd = useTaskPermissions(task).mayEdit('notes');

  const submit = async () => {
    if (!text.trim()) return;
    try {
      await addNote(workspace.db, task.id, text.trim(), actor);
      setText('');
      setError(null);
    } catch {
      setError('The note could not be saved (at most 10,000 characters).');
    }
  };

  return (
    <Stack spacing={1.5} component="section" aria-label="Notes">
      <Typography variant="subtitle2">Notes ({task.notes.length})</Typography>
      {task.notes.map((note) => (
        <Box key={note.id} sx={{ bgcolor: '#f6f8fa', borderRadius: 1.5, px: 1.5, py: 1 }} data-testid="note">
          <Typography variant="caption" color="text.secondary">
            {note.authorName || 'Someone'} · {formatDateTime(note.at)}
          </Typography>
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
            {note.text}
          </Typography>
        </Box>
      ))}
      {mayAdd && templates.length > 0 && (
        <Stack direction="row" spacing={0.75} sx={{ flexWrap: 'wrap', rowGap: 0.75 }}>
          {templates.map((t) => (
            <Chip
              key={t.label}
              size="small"
              variant="outlined"
              label={t.label}
              onClick={() => setText((current) => (current.trim() ? `${current.trimEnd()}\n${t.text}` : t.text))}
              data-testid="note-template"
            />
          ))}
        </Stack>
      )}
      {mayAdd && (
        <>
          <TextField
            placeholder="Add a note for the team"
            multiline
            rows={2}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={!!error}
            helperText={error}
            slotProps={{ htmlInput: { 'data-testid': 'note-input' } }}
          />
          <Stack direction="row" justifyContent="flex-end">
            <Button variant="outlined" disabled={!text.trim()} onClick={() => void submit()} data-testid="note-add">
              Add note
            </Button>
          </Stack>
        </>
      )}
    </Stack>
  );
}
