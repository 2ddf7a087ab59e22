// Issues a one-time enrollment code for a location and shows the command IT runs on the workstation.
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import type { EnrollmentCodeResponse } from '../../../../shared/wire';
import { locationLabel } from '../../../catalog/practice-labels';
import { usePracticeConfig } from '../usePracticeConfig';
import { AdminCard } from '../common/AdminCard';
import { useServerCall } from '../common/useServerCall';
import { LocationSelect, useAdminLocations } from './LocationSelect';
import { useAdminApi } from './useAdminApi';

export function EnrollmentCard() {
  const { config } = usePracticeConfig();
  const api = useAdminApi();
  const [location, setLocation] = useState(useAdminLocations()[0]);
  const [issued, setIssued] = useState<EnrollmentCodeResponse | null>(null);
  const { busy, error, run } = useServerCall();
  const issue = () => run(async () => setIssued(await api.issueEnrollmentCode(location)));

  return (
    <AdminCard title="Enroll a workstation" description="A code works once, for one workstation of the location, within 24 hours.">
      <Stack direction="row" spacing={1.5} alignItems="center">
        <LocationSelect value={location} onChange={setLocation} />
        <Button variant="contained" onClick={() => void issue()} disabled={busy} data-testid="issue-enrollment-code">
          Issue enrollment code
        </Button>
      </Stack>
      {error && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {error}
        </Alert>
      )}
      {issued && (
        <Box sx={{ mt: 2 }} data-testid="enrollment-code">
          <Typography variant="h5" component="p" sx={{ fontFamily: 'monospace', letterSpacing: 2 }} data-testid="enrollment-code-value">
            {issued.code}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            For {locationLabel(config, issued.locationId)}, until {new Date(issued.expiresAt).toLocaleString()}. On the workstation, as an
            administrator:
          </Typography>
          <Box component="pre" sx={{ mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}>
            {`Baton --enroll=${issued.code} --workstation-name="Front desk 2"`}
          </Box>
        </Box>
      )}
    </AdminCard>
  );
}
