// Edits a list of short texts (checklist items, outcomes): one row each, add, remove, reorder.
import Add from '@mui/icons-material/Add';
import ArrowUpward from '@mui/icons-material/ArrowUpward';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { Button, FormHelperText, IconButton, Stack, TextField, Tooltip, Typography } from '@mui/material';
import { moveItem, replaceItem, removeItem } from './list-ops';
import { useReadOnly } from './read-only';

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
  const readOnly = useReadOnly();
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
          {!readOnly && (
            <RowActions
              name={`${label} ${i + 1}`}
              first={i === 0}
              onUp={() => onChange(moveItem(items, i, i - 1))}
              onRemove={() => onChange(removeItem(items, i))}
            />
          )}
        </Stack>
      ))}
      {error && <FormHelperText error>{error}</FormHelperText>}
      {readOnly && items.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          None
        </Typography>
      )}
      {!readOnly && (
        <div>
          <Button startIcon={<Add />} onClick={() => onChange([...items, ''])}>
            {addLabel}
          </Button>
        </div>
      )}
    </Stack>
  );
}

function RowActions({ name, first, onUp, onRemove }: { name: string; first: boolean; onUp: () => void; onRemove: () => void }) {
  return (
    <>
      <Tooltip title="Move up">
        <span>
          <IconButton size="small" disabled={first} onClick={onUp} aria-label={`Move ${name} up`}>
            <ArrowUpward fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      <Tooltip title="Remove">
        <IconButton size="small" onClick={onRemove} aria-label={`Remove ${name}`}>
          <DeleteOutline fontSize="small" />
        </IconButton>
      </Tooltip>
    </>
  );
}
