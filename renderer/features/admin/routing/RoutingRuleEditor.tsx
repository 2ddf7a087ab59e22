// One routing rule's form: order, what it matches, the queue, the strategy and the pool of people.
// A new rule gets its key from its queue.
import { Alert, Autocomplete, Chip, FormControlLabel, FormHelperText, Grid, Stack, Switch, TextField, Typography } from '@mui/material';
import {
  blankRoutingRule,
  errorUnder,
  matchesEveryTask,
  routingRuleFromForm,
  routingRuleKey,
  routingRuleToForm,
  type MatchField,
  type RoutingRuleForm,
} from '../admin-forms';
import { EditorFrame } from '../common/EditorFrame';
import { categoryOptions, labelOf, locationOptions, providerOptions, queueOptions, staffOptions, taskTypeOptions } from '../common/options';
import { SelectField } from '../common/SelectField';
import { useEntryEditor, type EntryEditorProps, type EntryForm } from '../common/useEntryEditor';
import { usePracticeConfig } from '../usePracticeConfig';
import { describeMatch } from './describe-match';

const STRATEGIES = [
  { value: 'round_robin', label: 'Round-robin' },
  { value: 'least_open', label: 'Least open work' },
];

const FORM: EntryForm<'routing_rule', RoutingRuleForm> = {
  toForm: (body) => routingRuleToForm(body ?? blankRoutingRule()),
  fromForm: routingRuleFromForm,
  newKey: routingRuleKey,
};

export function RoutingRuleEditor(props: EntryEditorProps<'routing_rule'>) {
  const { entryKey, body, readOnly } = props;
  const { config } = usePracticeConfig();
  const { form, errors, set, frame } = useEntryEditor('routing_rule', props, FORM);
  const staff = staffOptions(config);

  const setMatch = (field: MatchField, value: string) => set('match', { ...form.match, [field]: value });
  const matchSelects: { field: MatchField; label: string; options: ReturnType<typeof staffOptions> }[] = [
    { field: 'typeId', label: 'Task type', options: taskTypeOptions(config) },
    { field: 'category', label: 'Category', options: categoryOptions(config) },
    { field: 'locationId', label: 'Location', options: locationOptions(config) },
    { field: 'providerId', label: 'Provider', options: providerOptions(config) },
  ];

  return (
    <EditorFrame
      {...frame}
      title={body ? `${describeMatch(body, config)} → ${labelOf(queueOptions(config), body.queue)}` : 'New routing rule'}
      subtitle={`${entryKey ? `Key: ${entryKey}` : 'Key: made from the queue'} · the first active rule that matches decides`}
      saveLabel={entryKey ? 'Save' : 'Add routing rule'}
    >
      <Stack spacing={3}>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 3 }}>
            <TextField
              fullWidth
              label="Order"
              value={form.order}
              onChange={(e) => set('order', e.target.value)}
              error={!!errors.order}
              helperText={errors.order ?? 'Lower runs first'}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 5 }}>
            <SelectField
              label="Queue"
              value={form.queue}
              options={queueOptions(config)}
              onChange={(v) => set('queue', v)}
              error={errors.queue}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 4 }}>
            <SelectField
              label="Strategy"
              value={form.strategy}
              options={STRATEGIES}
              onChange={(v) => set('strategy', v as RoutingRuleForm['strategy'])}
              error={errors.strategy}
            />
          </Grid>
        </Grid>
        <div>
          <Typography variant="subtitle2" sx={{ mb: 1 }}>
            Matches (leave “Any” to match every task)
          </Typography>
          <Grid container spacing={2}>
            {matchSelects.map(({ field, label, options }) => (
              <Grid key={field} size={{ xs: 12, md: 6 }}>
                <SelectField
                  label={label}
                  value={form.match[field]}
                  options={options}
                  emptyLabel="Any"
                  onChange={(v) => setMatch(field, v)}
                  error={errors[`match.${field}`]}
                />
              </Grid>
            ))}
          </Grid>
          {matchesEveryTask(form) && (
            <Alert severity="info" variant="outlined" sx={{ mt: 2 }} data-testid="routing-matches-all">
              This rule matches every task: rules with a higher order never run. Give it a higher order than the specific rules, or choose
              what it matches.
            </Alert>
          )}
        </div>
        <Autocomplete
          multiple
          options={staff.map((o) => o.value)}
          value={form.pool}
          onChange={(_, value) => set('pool', value)}
          getOptionLabel={(id) => labelOf(staff, id)}
          disabled={readOnly}
          renderValue={(value, getItemProps) =>
            value.map((id, index) => {
              const { key, ...props } = getItemProps({ index });
              const out = config.staff.get(id)?.out;
              return <Chip key={key} label={out ? `${labelOf(staff, id)} (out)` : labelOf(staff, id)} {...props} />;
            })
          }
          renderInput={(params) => (
            <TextField
              {...params}
              label="Pool: who this rule assigns to"
              error={!!errorUnder(errors, 'pool')}
              helperText={errorUnder(errors, 'pool') ?? 'Always one owner from this pool; people marked out are skipped'}
            />
          )}
        />
        <div>
          <FormControlLabel label="Active" control={<Switch checked={form.active} onChange={(e) => set('active', e.target.checked)} />} />
          <FormHelperText>An inactive rule is skipped; turn it off instead of deleting it.</FormHelperText>
        </div>
      </Stack>
    </EditorFrame>
  );
}
