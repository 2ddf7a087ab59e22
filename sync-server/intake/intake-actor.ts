// Who files a task from outside the practice (an API key, an inbound fax or e-mail source): no
// roles (its scopes decide), the server's own rules for what it writes, a name the audit log and
// the task's history show.
import type { Actor } from '../auth/actor';

export function intakeActor(who: { userId: string; workstationId: string; displayName: string; locationIds: string[] }): Actor {
  return {
    userId: who.userId,
    username: who.userId,
    displayName: who.displayName,
    roles: [],
    locationIds: who.locationIds,
    workstationId: who.workstationId,
    workstationName: who.displayName,
    sessionId: who.userId,
    system: true,
  };
}
