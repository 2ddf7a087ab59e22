// A source's signing secret just issued (registered or rotated): shown this once, with the address
// its service posts to and a signed test delivery.
import { Typography } from '@mui/material';
import { inboundPath, type IssuedInboundSource } from '../../../../shared/intake/inbound-sources';
import { getHost } from '../../../host';
import { IssuedSecret } from '../credentials/IssuedSecret';

export function IssuedSourceSecret({ issued }: { issued: IssuedInboundSource }) {
  const url = `${getHost().serverUrl || window.location.origin}${inboundPath(issued.id)}`;
  return (
    <IssuedSecret
      warning={`Copy the signing secret of “${issued.source.name}” now: it is not shown again. Whoever holds it can file tasks as this source.`}
      value={issued.secret}
      testId="issued-inbound-secret-value"
      example={`BODY='{"sender":"+15551234567","subject":"","text":"Test fax","messageId":"test-1"}'
SIG=$(printf '%s' "$BODY" | openssl dgst -sha256 -hmac '${issued.secret}' | sed 's/^.* //')
curl -X POST ${url} \\
  -H "Content-Type: application/json" -H "X-Baton-Signature: sha256=$SIG" -d "$BODY"`}
    >
      <Typography variant="body2" sx={{ mb: 0.5 }}>
        The service posts each message to <code data-testid="issued-inbound-url">{url}</code>, signed with this secret:
      </Typography>
    </IssuedSecret>
  );
}
