// Who makes a write: one person's replica on one workstation (the id its client sends with every
// push), or, for a client that sends none, its session. A writer's own consecutive writes never
// conflict with each other (shared/push-decision.ts). The user id is part of it, so an id that
// another person's client sends never counts as this person's replica.
import type { Actor } from '../auth/actor';

export function writerOf(actor: Pick<Actor, 'userId' | 'sessionId'>, replicaId?: string): string {
  return replicaId ? `replica:${actor.userId}:${replicaId}` : `session:${actor.sessionId}`;
}
