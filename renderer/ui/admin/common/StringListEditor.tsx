// Edits a list of short texts (checklist items, outcomes): one row each, add, remove, reorder.
import Add from '@mui/icons-material/Add';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { Button, FormHelperText, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { moveItem, replaceItem, removeItem } from './list-ops';

interface Props {
  label: string;
  items: string[];
  onChange: (items: string[]) => void;
  addLabel: string;
  placeholder?: string;
  error?: string;
  testId: string;
}

export function StringListEditor({ label, items, onChange, addLabel, placeholder, error, testId }: Props) {
  return (
    <Stack spacing={1} data-testid={testId}>
      <Typography variant="subtitle2">{label}</Typography>
      {items.map((item, i) => (
        <Stack key={i} direction="row" spacing={0.5} alignItems="center">
          <TextField
            fullWidth
            value={item}
            placeholder={placeholder}
            onChange={(e) => onChange(replaceItem(items, i, e.target.value))}
            slotProps={{ htmlInput: { 'aria-label': `${label} ${i + 1}` } }}
          />
          <Tooltip title="Move up">
            <span>
              <IconButton size="small" disabled={i === 0} onClick={() => onChange(moveItem(items, i, i - 1))} aria-label={`Move ${label} ${i + 1} up`}>
                <ArrowUpward fontSize="small" />
              </IconButton>
            </span>
          </Tooltip>
          <Tooltip title="Remove">
            <IconButton size="small" onClick={() => onChange(removeItem(items, i))} aria-label={`Remove ${label} ${i + 1}`}>
              <DeleteOutline fontSize="small" />
            </IconButton>
          </Tooltip>
        </Stack>
      ))}
      {error && <FormHelperText error>{error}</FormHelperText>}
      <div>
        <Button startIcon={<Add />} onClick={() => onChange([...items, ''])}>
          {addLabel}
        </Button>
      </div>
    </Stack>
  );
}
