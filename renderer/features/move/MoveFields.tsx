// What an action asks for: owner, category, waiting on, a reason code of the right kind, an outcome.
import { Grid, TextField } from '@mui/material';
import type { PracticeConfig } from '../../../shared/config/practice';
import { WAITING_ON, type Task, type WaitingOn } from '../../../shared/task';
import type { ActionDef } from '../../../shared/workflow/actions';
import type { ActionInput } from '../../../shared/workflow/apply';
import type { Option } from '../../catalog/catalog';
import { OptionSelect } from '../../ui/common/OptionSelect';
import { categoryOptions, readable, reasonOptions, staffOptions } from '../../catalog/practice-labels';

const WAITING_LABELS: Record<Exclude<WaitingOn, ''>, string> = {
  patient: 'Patient',
  insurer: 'Insurer',
  provider: 'Provider',
  other: 'Other',
};

export interface MoveFieldsProps {
  action: ActionDef;
  task: Task;
  input: ActionInput;
  errors: Record<string, string | undefined>;
  config: PracticeConfig;
  onChange: (patch: Partial<ActionInput>) => void;
}

export function MoveFields({ action, task, input, errors, config, onChange }: MoveFieldsProps) {
  const type = config.taskTypes.get(task.typeId);
  const reasonKind = action.requires.find((r) => typeof r === 'object');
  const needs = (r: string) => action.requires.includes(r as never);
  const takesOutcome = (action.id === 'approve' || action.id === 'close') && (type?.outcomes.length ?? 0) > 0;
  const select = (key: keyof ActionInput, label: string, options: Option[], required = true) => (
    <Grid size={12} key={key}>
      <OptionSelect
        fullWidth
        required={required}
        label={label}
        value={input[key] ?? ''}
        error={!!errors[key]}
        helperText={errors[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
        options={options}
        emptyLabel={<em>Choose…</em>}
        testId={`move-${key}`}
      />
    </Grid>
  );
  return (
    <Grid container spacing={2}>
      {needs('ownerId') && select('ownerId', 'Owner', staffOptions(config))}
      {needs('category') && select('category', 'Category', categoryOptions(config))}
      {needs('waitingOn') &&
        select(
          'waitingOn',
          'Waiting on',
          WAITING_ON.filter((w) => w).map((w) => ({ value: w, label: WAITING_LABELS[w as Exclude<WaitingOn, ''>] })),
        )}
      {reasonKind && typeof reasonKind === 'object' && select('reasonCode', 'Reason code', reasonOptions(config, reasonKind.reason))}
      {takesOutcome &&
        select(
          'outcome',
          'Outcome',
          (type?.outcomes ?? []).map((o) => ({ value: o, label: readable(o) })),
        )}
      {(reasonKind || needs('waitingOn')) && (
        <Grid size={12}>
          <TextField
            fullWidth
            multiline
            minRows={2}
            label="Reason note"
            placeholder="What the reason code does not say"
            value={input.reasonNote ?? ''}
            onChange={(e) => onChange({ reasonNote: e.target.value })}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'move-reasonNote' } }}
          />
        </Grid>
      )}
    </Grid>
  );
}
