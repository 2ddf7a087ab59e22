// A task type's SLA: first-touch and resolution targets in business hours of the task's location,
// when it counts as at risk, reminders and escalation, and what it may wait on while its clock
// stands still.
import { Checkbox, FormControlLabel, FormGroup, FormHelperText, Grid, Stack, Switch, TextField, Typography } from '@mui/material';
import { SLA_PAUSE_REASONS, type SlaPauseReason } from '../../../../shared/config/schemas';
import type { FieldErrors, SlaForm } from '../admin-forms';

const PAUSE_LABELS: Record<SlaPauseReason, string> = {
  patient: 'Waiting on the patient',
  insurer: 'Waiting on an insurer',
  provider: 'Waiting on a provider',
  other: 'Waiting on something else',
  needs_info: 'Sent back for information',
};

interface Props {
  sla: SlaForm;
  onChange: (sla: SlaForm) => void;
  errors: FieldErrors;
}

export function SlaTargetsEditor({ sla, onChange, errors }: Props) {
  const set = (patch: Partial<SlaForm>) => onChange({ ...sla, ...patch });
  const hours = (
    label: string,
    field: 'firstTouchHours' | 'resolutionHours' | 'remindIdleHours' | 'escalateIdleHours' | 'managerAfterHours',
    helper: string,
  ) => (
    <TextField
      fullWidth
      label={label}
      value={sla[field]}
      onChange={(e) => set({ [field]: e.target.value })}
      error={!!errors[`sla.${field}`]}
      helperText={errors[`sla.${field}`] ?? helper}
      slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': label } }}
    />
  );
  const togglePause = (reason: SlaPauseReason, on: boolean) =>
    set({ pauseWhile: SLA_PAUSE_REASONS.filter((r) => (r === reason ? on : sla.pauseWhile.includes(r))) });

  return (
    <Stack spacing={1} data-testid="sla-editor">
      <FormControlLabel
        label="Service-level targets"
        control={<Switch checked={sla.enabled} onChange={(e) => set({ enabled: e.target.checked })} />}
      />
      {sla.enabled && (
        <>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 4 }}>
              {hours('First touch (business hours)', 'firstTouchHours', 'Until work starts; 0 = no target')}
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>{hours('Resolution (business hours)', 'resolutionHours', 'Until done; 0 = no target')}</Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextField
                fullWidth
                label="At risk from (% of the target)"
                value={sla.atRiskPercent}
                onChange={(e) => set({ atRiskPercent: e.target.value })}
                error={!!errors['sla.atRiskShare']}
                helperText={errors['sla.atRiskShare'] ? 'Between 5 and 100 %' : 'The owner is warned then; usually 75'}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'aria-label': 'At risk from (% of the target)' } }}
              />
            </Grid>
          </Grid>
          <Typography variant="subtitle2">Reminders and escalation</Typography>
          <Grid container spacing={2} alignItems="center">
            <Grid size={{ xs: 12, md: 4 }}>
              {hours('Remind the owner after (idle business hours)', 'remindIdleHours', 'Without a change by a person; 0 = never')}
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              {hours('Escalate to the queue lead after (idle business hours)', 'escalateIdleHours', 'Always on breach; 0 = on breach only')}
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              {hours('Escalate to managers when late by (business hours)', 'managerAfterHours', '0 = never')}
            </Grid>
            <Grid size={{ xs: 12 }}>
              <FormControlLabel
                label="At the first escalation, give the task to the queue lead"
                control={<Switch checked={sla.reassignToLead} onChange={(e) => set({ reassignToLead: e.target.checked })} />}
              />
            </Grid>
          </Grid>
          <div>
            <Typography variant="subtitle2">The clock stops while the task is</Typography>
            <FormGroup row>
              {SLA_PAUSE_REASONS.map((reason) => (
                <FormControlLabel
                  key={reason}
                  label={PAUSE_LABELS[reason]}
                  control={
                    <Checkbox
                      size="small"
                      checked={sla.pauseWhile.includes(reason)}
                      onChange={(e) => togglePause(reason, e.target.checked)}
                    />
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>Hours count only while the location is open (its opening hours, less closures).</FormHelperText>
          </div>
        </>
      )}
    </Stack>
  );
}
