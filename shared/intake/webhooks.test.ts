// Where a webhook may send: https anywhere, plain http only to this machine (a delivery may carry
// PHI), never a URL with a password in it.
import { describe, expect, it } from 'vitest';
import { CreateWebhookRequest, webhookUrlProblem } from './webhooks';

describe('webhook URLs', () => {
  it('takes https anywhere and http only to loopback', () => {
    for (const ok of [
      'https://portal.example.org/baton',
      'https://10.0.0.5:8443/hooks?practice=1',
      'http://127.0.0.1:9090/hook',
      'http://localhost/hook',
      'http://[::1]:8080/',
    ])
      expect(webhookUrlProblem(ok), ok).toBeUndefined();
    for (const refused of [
      'http://portal.example.org/baton',
      'http://10.0.0.5/hook',
      'http://127.0.0.1.example.org/hook',
      'ftp://portal.example.org/',
      'https://user:secret@portal.example.org/',
      'portal.example.org/baton',
      'https://',
      '',
    ])
      expect(webhookUrlProblem(refused), refused).toBeDefined();
  });

  it('a registration names at least one known event and keeps PHI off unless asked', () => {
    expect(CreateWebhookRequest.parse({ url: 'https://a.example.org/', events: ['task.created'] }).allowPhi).toBe(false);
    expect(CreateWebhookRequest.safeParse({ url: 'https://a.example.org/', events: [] }).success).toBe(false);
    expect(CreateWebhookRequest.safeParse({ url: 'https://a.example.org/', events: ['task.deleted'] }).success).toBe(false);
  });
});
