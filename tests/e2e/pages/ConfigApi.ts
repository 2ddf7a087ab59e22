// Changes the practice configuration through the sync API, as an admin's workstation would.
import type { ConfigBody } from '../../../shared/config/schemas';
import type { Api } from '../../support/api';

/** Replaces the body of a location's config entry (the admin's edit), keeping the rest of the entry. */
export async function updateLocation(admin: Api, locationId: string, change: Partial<ConfigBody<'location'>>): Promise<void> {
  const { documents } = await admin.pullAll('config', 500);
  const current = documents.find((d) => d.id === `location:${locationId}`);
  if (!current) throw new Error(`no location ${locationId}`);
  const next = { ...current, body: { ...current.body, ...change }, pendingSync: true, updatedAt: new Date().toISOString() };
  const { status, body } = await admin.post('/api/sync/config/push', [{ assumedMasterState: current, newDocumentState: next }]);
  if (status !== 200 || (Array.isArray(body) && body.length)) throw new Error(`location update not applied: ${status}`);
}

/** Open every day around the clock: SLA clocks then run on wall-clock time, whatever day a test runs. */
export const ALWAYS_OPEN_HOURS = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: '00:00', close: '24:00' }));
