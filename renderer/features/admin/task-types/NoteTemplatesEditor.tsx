// Note templates of a task type: a label and the prefilled text.
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { Button, FormHelperText, IconButton, Stack, TextField, Typography } from '@mui/material';
import type { TaskTypeConfig } from '../../../../shared/config/schemas';
import { removeItem, replaceItem } from '../common/list-ops';
import { useReadOnly } from '../common/read-only';

type Template = TaskTypeConfig['noteTemplates'][number];

export function NoteTemplatesEditor({
  templates,
  onChange,
  error,
}: {
  templates: Template[];
  onChange: (t: Template[]) => void;
  error?: string;
}) {
  const readOnly = useReadOnly();
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">Note templates</Typography>
      {templates.map((t, i) => (
        <Stack key={i} direction="row" spacing={1} alignItems="flex-start">
          <TextField
            label="Name"
            value={t.label}
            onChange={(e) => onChange(replaceItem(templates, i, { ...t, label: e.target.value }))}
            sx={{ width: 220 }}
          />
          <TextField
            label="Text"
            value={t.text}
            multiline
            minRows={1}
            fullWidth
            onChange={(e) => onChange(replaceItem(templates, i, { ...t, text: e.target.value }))}
          />
          {!readOnly && (
            <IconButton size="small" onClick={() => onChange(removeItem(templates, i))} aria-label={`Remove note template ${i + 1}`}>
              <DeleteOutline fontSize="small" />
            </IconButton>
          )}
        </Stack>
      ))}
      {error && <FormHelperText error>Note templates: {error}</FormHelperText>}
      {!readOnly && (
        <div>
          <Button startIcon={<Add />} onClick={() => onChange([...templates, { label: '', text: '' }])}>
            Add note template
          </Button>
        </div>
      )}
    </Stack>
  );
}
