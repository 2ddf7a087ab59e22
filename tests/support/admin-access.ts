// Admin steps the permission tests share: a second location in the configuration, and a user's
// roles and locations changed through PATCH /api/admin/users/:id.
import type { Role } from '../../shared/wire';
import type { Api } from './api';

/** Adds a configured location (a copy of `from` with a new id and label), practice-wide so its admin reads it. */
export async function addLocation(admin: Api, locationId: string, from = 'loc-main'): Promise<void> {
  const { documents } = await admin.pullAll('config', 1000);
  const template = documents.find((d) => d.id === `location:${from}`);
  if (!template) throw new Error(`no location ${from} in the configuration`);
  const doc = {
    ...template,
    id: `location:${locationId}`,
    locationId: '',
    body: { ...template.body, label: `Site ${locationId}` },
    rev: 0,
    pendingSync: true,
  };
  const answer = await admin.post('/api/sync/config/push', [{ newDocumentState: doc }]);
  if (answer.status !== 200 || answer.body.length) throw new Error(`location refused: ${JSON.stringify(answer.body)}`);
}

export async function patchUser(baseUrl: string, admin: Api, userId: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}/api/admin/users/${encodeURIComponent(userId)}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * A new person through the admin API, with their entry on the staff list (as the People screen
 * does), so tasks may name them as owner or provider. Returns their user id.
 */
export async function addStaffPerson(
  admin: Api,
  person: { username: string; displayName: string; role: Role; locationIds?: string[] },
): Promise<string> {
  const locationIds = person.locationIds ?? ['loc-main'];
  const created = await admin.post('/api/admin/users', {
    username: person.username,
    displayName: person.displayName,
    roles: [person.role],
    locationIds,
    password: 'a-Temporary-pass-123',
  });
  if (created.status !== 201) throw new Error(`new user refused: ${JSON.stringify(created.body)}`);
  const id: string = created.body.id;
  const body = { userId: id, displayName: person.displayName, role: person.role, locationIds, queues: [], out: false };
  const entry = {
    id: `staff:${id}`,
    kind: 'staff',
    locationId: '',
    body,
    updatedAt: new Date().toISOString(),
    pendingSync: true,
    rev: 0,
    updatedBy: '',
  };
  const answer = await admin.post('/api/sync/config/push', [{ newDocumentState: entry }]);
  if (answer.status !== 200 || answer.body.length) throw new Error(`staff entry refused: ${JSON.stringify(answer.body)}`);
  return id;
}
