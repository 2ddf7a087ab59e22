// Sign-in limits under concurrency, black box: a real server process with the real argon2 checks,
// attacked over HTTP from several loopback addresses (each one "a computer"). Which attempts
// reached the password check shows in the answers (401 = checked, 429 = refused before) and in
// the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit } from '../support/audit-reader';
import { postFrom } from '../support/from-address';
import { eventually } from '../support/node-workstation';
import { startServer, type RunningServer } from '../support/server-process';

let server: RunningServer;
const login = (from: string, username: string, password: string) =>
  postFrom(server.url, from, '/api/auth/login', { username, password, workstationId: 'ws-black-box' });
const checkedFailures = (userId: string) =>
  readAudit(server.dataDir).filter((e) => e.action === 'sign_in_failed' && e.actor_id === userId && e.reason.startsWith('wrong password'));

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('sign-in limits against a server process', () => {
  it('40 simultaneous wrong passwords for one person: at most 5 reach the hash, the rest are refused before it', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login('127.0.0.20', 'clinician', `wrong-${i}`)));
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(40 - checked);
    expect(checkedFailures('u-clinician')).toHaveLength(checked);
  });

  it('during a burst of 200 from one computer, a person signs in from another, ahead of most of the burst’s queued checks', async () => {
    const finished: string[] = [];
    let refused = 0;
    // A spray over many names: only the address bound (30) stops it, so 30 real checks queue up.
    const burst = Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const answer = await login('127.0.0.21', `sprayed-${i % 50}`, `guess-${i}`);
        if (answer.status === 429) refused++;
        else finished.push(`burst ${answer.status}`);
        return answer;
      }),
    );
    // Every attempt is in: all but 30 refused at once, the 30 wait for their check.
    await eventually(async () => refused >= 170, 60_000, 'the burst to be refused beyond the address allowance');
    const legit = await login('127.0.0.22', 'clinicalsupport', 'baton-demo');
    finished.push('legit');
    expect(legit.status).toBe(200);
    const answers = await burst;
    const checked = answers.filter((a) => a.status === 401).length;
    expect(checked).toBeLessThanOrEqual(30);
    expect(refused).toBe(200 - checked);
    // Checks are taken in turn across computers: the legitimate one did not wait behind the burst's queue.
    expect(finished.length - 1 - finished.indexOf('legit')).toBeGreaterThan(checked / 3);
    const audit = readAudit(server.dataDir).filter((e) => e.action === 'sign_in_failed' && e.reason.startsWith('unknown user'));
    expect(audit.length).toBeGreaterThanOrEqual(checked);
  }, 240_000);
});
