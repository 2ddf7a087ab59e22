// Each location's desktop update policy: the channel, an optional pinned release, and the share of
// workstations that get the channel's newest release (the rest keep the one before it).
import { Alert, Button, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { UpdatePolicy } from '../../../../shared/update-policy';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { LocationSelect, useAdminLocations } from './LocationSelect';
import { useAdminApi } from './useAdminApi';

interface Form {
  channel: string;
  version: string;
  rolloutPercent: string;
}

const toForm = (p: UpdatePolicy): Form => ({ channel: p.channel, version: p.version ?? '', rolloutPercent: String(p.rolloutPercent) });

export function UpdatePolicyCard() {
  const api = useAdminApi();
  const [location, setLocation] = useState(useAdminLocations()[0]);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, run } = useServerCall();

  useEffect(() => {
    setForm(null);
    setSaved(false);
    void run(async () => setForm(toForm(await api.getUpdatePolicy(location))));
  }, [api, location, run]);

  const save = () => {
    if (!form) return;
    const policy = UpdatePolicy.safeParse({
      channel: form.channel.trim(),
      version: form.version.trim() || null,
      rolloutPercent: Number(form.rolloutPercent),
    });
    if (!policy.success)
      return setError(
        'Channel: lower-case letters, digits and -, e.g. stable; release: e.g. 1.4.2 or empty; share: a whole number from 0 to 100.',
      );
    setSaved(false);
    void run(async () => {
      setForm(toForm(await api.setUpdatePolicy(location, policy.data)));
      setSaved(true);
    });
  };
  const field = (key: keyof Form) => ({
    value: form?.[key] ?? '',
    onChange: (e: { target: { value: string } }) => form && setForm({ ...form, [key]: e.target.value }),
    disabled: !form,
  });

  return (
    <AdminCard
      title="Desktop updates"
      description="Where the location's workstations get updates from this server: the channel, a pinned release (empty: the channel's newest), and the share of workstations that get the newest release first. MSI installs update through the endpoint manager instead."
      testId="update-policy-card"
    >
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
        <LocationSelect value={location} onChange={setLocation} />
        <TextField
          size="small"
          label="Channel"
          {...field('channel')}
          sx={{ width: 140 }}
          slotProps={{ htmlInput: { 'data-testid': 'policy-channel' } }}
        />
        <TextField
          size="small"
          label="Pinned release"
          placeholder="newest"
          {...field('version')}
          sx={{ width: 150 }}
          slotProps={{ htmlInput: { 'data-testid': 'policy-version' } }}
        />
        <TextField
          size="small"
          label="Share (%)"
          type="number"
          {...field('rolloutPercent')}
          sx={{ width: 110 }}
          slotProps={{ htmlInput: { min: 0, max: 100, 'data-testid': 'policy-rollout' } }}
        />
        <Button variant="contained" onClick={save} disabled={busy || !form} data-testid="save-update-policy">
          Save
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid="update-policy-error">
          {error}
        </Alert>
      )}
      {saved && !error && (
        <Alert severity="success" sx={{ mt: 1.5 }} data-testid="update-policy-saved">
          Saved. Workstations get it at their next update check.
        </Alert>
      )}
    </AdminCard>
  );
}
