// A key just created or rotated: shown this once (the server keeps only its hash), with the call
// another system makes with it.
import type { IssuedApiKey } from '../../../../shared/intake/api-keys';
import { getHost } from '../../../host';
import { IssuedSecret } from '../credentials/IssuedSecret';

export function IssuedKey({ issued }: { issued: IssuedApiKey }) {
  const server = getHost().serverUrl || window.location.origin;
  return (
    <IssuedSecret
      warning={`Copy the key for “${issued.apiKey.name}” now: it is not shown again. Whoever holds it can file tasks into its queues.`}
      value={issued.key}
      testId="issued-api-key-value"
      example={`curl -X POST ${server}/api/intake/tasks \\
  -H "Authorization: Bearer ${issued.key}" -H "Content-Type: application/json" \\
  -d '{"locationId":"${issued.apiKey.scopes.locationIds[0]}","typeId":"appointment_reschedule","title":"Missed appointment: reschedule","externalId":"appt-1234"}'`}
    />
  );
}
