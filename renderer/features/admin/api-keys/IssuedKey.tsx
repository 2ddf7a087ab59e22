// A key just created or rotated: shown this once (the server keeps only its hash), with the call
// another system makes with it.
import { Alert, Box, Typography } from '@mui/material';
import type { IssuedApiKey } from '../../../../shared/intake/api-keys';
import { getHost } from '../../../host';

export function IssuedKey({ issued }: { issued: IssuedApiKey }) {
  const server = getHost().serverUrl || window.location.origin;
  return (
    <Box sx={{ mt: 2 }} data-testid="issued-api-key">
      <Alert severity="warning" sx={{ mb: 1 }}>
        Copy the key for “{issued.apiKey.name}” now: it is not shown again. Whoever holds it can file tasks into its queues.
      </Alert>
      <Typography component="p" sx={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 15 }} data-testid="issued-api-key-value">
        {issued.key}
      </Typography>
      <Box component="pre" sx={{ mt: 1, p: 1, bgcolor: 'action.hover', borderRadius: 1, fontSize: 13, overflowX: 'auto' }}>
        {`curl -X POST ${server}/api/intake/tasks \\
  -H "Authorization: Bearer ${issued.key}" -H "Content-Type: application/json" \\
  -d '{"locationId":"${issued.apiKey.scopes.locationIds[0]}","typeId":"appointment_reschedule","title":"Missed appointment: reschedule","externalId":"appt-1234"}'`}
      </Box>
    </Box>
  );
}
