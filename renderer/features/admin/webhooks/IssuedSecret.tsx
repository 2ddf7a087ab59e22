// A webhook's signing secret just after registering or rotating it: shown this once, with what the
// receiver does with it.
import { Alert, Box, Typography } from '@mui/material';
import type { IssuedWebhook } from '../../../../shared/intake/webhooks';

export function IssuedSecret({ issued }: { issued: IssuedWebhook }) {
  return (
    <Box sx={{ mt: 2 }} data-testid="issued-webhook-secret">
      <Alert severity="warning" sx={{ mb: 1 }}>
        Copy the signing secret for “{issued.webhook.name}” now: it is not shown again. The receiver checks each delivery’s
        X-Baton-Signature (sha256= and the HMAC-SHA256 of the raw body under this secret) and drops any that does not match.
      </Alert>
      <Typography
        component="p"
        sx={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 15 }}
        data-testid="issued-webhook-secret-value"
      >
        {issued.secret}
      </Typography>
    </Box>
  );
}
