// Follow-up rules of a task type: closing with an outcome creates the next task, assigned.
import Add from '@mui/icons-material/Add';
import DeleteOutline from '@mui/icons-material/DeleteOutline';
import { Button, Grid, IconButton, Paper, Stack, TextField, Typography } from '@mui/material';
import type { FieldErrors, FollowUpForm } from '../admin-forms';
import { removeItem, replaceItem } from '../common/list-ops';
import { useReadOnly } from '../common/read-only';
import { taskTypeOptions } from '../common/options';
import { SelectField } from '../common/SelectField';
import { usePracticeConfig } from '../usePracticeConfig';

const ASSIGN = [
  { value: 'owner', label: 'The closed task’s owner' },
  { value: 'creator', label: 'Its creator' },
  { value: 'routing', label: 'Whoever routing picks' },
];

interface Props {
  rules: FollowUpForm[];
  outcomes: string[];
  onChange: (rules: FollowUpForm[]) => void;
  errors: FieldErrors;
}

export function FollowUpsEditor({ rules, outcomes, onChange, errors }: Props) {
  const readOnly = useReadOnly();
  const { config } = usePracticeConfig();
  const types = taskTypeOptions(config);
  const outcomeOptions = outcomes.filter((o) => o.trim() !== '').map((o) => ({ value: o.trim(), label: o.trim() }));
  const update = (i: number, patch: Partial<FollowUpForm>) => onChange(replaceItem(rules, i, { ...rules[i], ...patch }));
  const err = (i: number, field: string) => errors[`followUps.${i}.${field}`];
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">Follow-ups</Typography>
      {rules.map((r, i) => (
        <Paper key={i} variant="outlined" sx={{ p: 1.5, bgcolor: 'background.default' }}>
          <Grid container spacing={1.5} alignItems="flex-start">
            <Grid size={{ xs: 12, md: 3 }}>
              <SelectField
                label="On outcome"
                value={r.onOutcome}
                options={outcomeOptions}
                onChange={(v) => update(i, { onOutcome: v })}
                error={err(i, 'onOutcome')}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <SelectField
                label="Creates a"
                value={r.typeId}
                options={types}
                onChange={(v) => update(i, { typeId: v })}
                error={err(i, 'typeId')}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <SelectField
                label="Assigned to"
                value={r.assignTo}
                options={ASSIGN}
                onChange={(v) => update(i, { assignTo: v as FollowUpForm['assignTo'] })}
                error={err(i, 'assignTo')}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 1 }} sx={{ textAlign: 'right' }}>
              {!readOnly && (
                <IconButton size="small" onClick={() => onChange(removeItem(rules, i))} aria-label={`Remove follow-up ${i + 1}`}>
                  <DeleteOutline fontSize="small" />
                </IconButton>
              )}
            </Grid>
            <Grid size={{ xs: 12, md: 8 }}>
              <TextField
                fullWidth
                label="Title of the new task"
                value={r.title}
                onChange={(e) => update(i, { title: e.target.value })}
                error={!!err(i, 'title')}
                helperText={err(i, 'title')}
              />
            </Grid>
            <Grid size={{ xs: 12, md: 3 }}>
              <TextField
                fullWidth
                label="Due in (hours)"
                value={r.dueHours}
                onChange={(e) => update(i, { dueHours: e.target.value })}
                error={!!err(i, 'dueHours')}
                helperText={err(i, 'dueHours')}
              />
            </Grid>
          </Grid>
        </Paper>
      ))}
      {!readOnly && (
        <div>
          <Button
            startIcon={<Add />}
            onClick={() =>
              onChange([...rules, { onOutcome: outcomeOptions[0]?.value ?? '', typeId: '', title: '', assignTo: 'owner', dueHours: '8' }])
            }
          >
            Add follow-up
          </Button>
        </div>
      )}
    </Stack>
  );
}
