// A location enrollment token for a deployment script: up to N workstations within D days. The
// server keeps only its hash, so it is shown here once; leaving the tab forgets it.
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { EnrollmentTokenRequest, type EnrollmentTokenResponse } from '../../../../shared/workstation-admin';
import { locationLabel } from '../../../catalog/practice-labels';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { usePracticeConfig } from '../usePracticeConfig';
import { LocationSelect, useAdminLocations } from './LocationSelect';
import { useAdminApi } from './useAdminApi';

export function EnrollmentTokenCard() {
  const api = useAdminApi();
  const { config } = usePracticeConfig();
  const [location, setLocation] = useState(useAdminLocations()[0]);
  const [uses, setUses] = useState('10');
  const [days, setDays] = useState('7');
  const [token, setToken] = useState<EnrollmentTokenResponse | null>(null);
  const { busy, error, setError, run } = useServerCall();

  const create = () => {
    const body = EnrollmentTokenRequest.safeParse({ locationId: location, maxUses: Number(uses), expiresInDays: Number(days) });
    if (!body.success) return setError('Workstations: a whole number from 1 to 10,000; days: a whole number from 1 to 90.');
    setToken(null);
    void run(async () => setToken(await api.createEnrollmentToken(body.data)));
  };

  return (
    <AdminCard
      title="Enrollment token for a deployment script"
      description="Enrolls up to the number of workstations given, one use each, until it expires. It is shown once: copy it into the script now."
      testId="enrollment-token-card"
    >
      <Stack direction="row" spacing={1.5} alignItems="center">
        <LocationSelect value={location} onChange={setLocation} />
        <TextField
          size="small"
          label="Workstations"
          type="number"
          value={uses}
          onChange={(e) => setUses(e.target.value)}
          sx={{ width: 130 }}
          slotProps={{ htmlInput: { min: 1, max: 10_000, 'data-testid': 'token-uses' } }}
        />
        <TextField
          size="small"
          label="Days"
          type="number"
          value={days}
          onChange={(e) => setDays(e.target.value)}
          sx={{ width: 100 }}
          slotProps={{ htmlInput: { min: 1, max: 90, 'data-testid': 'token-days' } }}
        />
        <Button variant="contained" onClick={create} disabled={busy} data-testid="create-enrollment-token">
          Create token
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }} data-testid="enrollment-token-error">
          {error}
        </Alert>
      )}
      {token && (
        <Box sx={{ mt: 2 }} data-testid="enrollment-token">
          <Typography
            variant="h6"
            component="p"
            sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
            data-testid="enrollment-token-value"
          >
            {token.token}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            For {locationLabel(config, token.locationId)}: up to {token.maxUses} workstations, until{' '}
            {new Date(token.expiresAt).toLocaleString()}. In the deployment script, as an administrator:
          </Typography>
          <Box component="pre" sx={{ mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}>
            {`Baton --enroll=${token.token} --name="Front desk 2"`}
          </Box>
        </Box>
      )}
    </AdminCard>
  );
}
