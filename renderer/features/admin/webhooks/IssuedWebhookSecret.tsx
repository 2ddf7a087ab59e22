// A webhook's signing secret just after registering or rotating it: shown this once, with what the
// receiver does with it.
import type { IssuedWebhook } from '../../../../shared/intake/webhooks';
import { IssuedSecret } from '../credentials/IssuedSecret';

export function IssuedWebhookSecret({ issued }: { issued: IssuedWebhook }) {
  return (
    <IssuedSecret
      warning={`Copy the signing secret for “${issued.webhook.name}” now: it is not shown again. The receiver checks each delivery’s X-Baton-Signature (sha256= and the HMAC-SHA256 of the raw body under this secret) and drops any that does not match.`}
      value={issued.secret}
      testId="issued-webhook-secret-value"
    />
  );
}
