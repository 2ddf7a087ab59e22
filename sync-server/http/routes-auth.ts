import type { FastifyInstance } from 'fastify';
import { newId } from '../../shared/ids';
import { LoginRequest, type LoginResponse } from '../../shared/wire';
import { verifyPassword } from '../auth/passwords';
import type { TokenService } from '../auth/tokens';
import type { Storage } from '../storage/types';
import { HttpError, parseOrBadRequest } from './errors';

export function registerAuthRoutes(app: FastifyInstance, storage: Storage, tokens: TokenService): void {
  app.post('/api/auth/login', async (request): Promise<LoginResponse> => {
    const body = parseOrBadRequest(LoginRequest, request.body, 'sign-in request');
    const user = await storage.findUserByUsername(body.username);
    const ok = await verifyPassword(user?.passwordHash, body.password);
    const workstationId = body.workstationId ?? 'unknown';
    if (!user || !ok || !user.active) {
      await storage.write((tx) =>
        tx.appendAudit({
          at: new Date().toISOString(),
          actorId: user?.id ?? '',
          workstationId,
          action: 'sign_in_failed',
          collection: '',
          docId: '',
          before: null,
          after: null,
          reason: user ? (user.active ? 'wrong password' : 'inactive account') : 'unknown user',
        }),
      );
      throw new HttpError(401, 'invalid_credentials', 'Wrong username or password');
    }
    const sessionId = newId();
    await storage.write((tx) =>
      tx.appendAudit({
        at: new Date().toISOString(),
        actorId: user.id,
        workstationId,
        action: 'sign_in',
        collection: '',
        docId: '',
        before: null,
        after: { sessionId },
        reason: '',
      }),
    );
    const token = await tokens.issue({ sub: user.id, ws: workstationId, sid: sessionId });
    return {
      token,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role as LoginResponse['user']['role'], locationIds: user.locationIds },
    };
  });
}
