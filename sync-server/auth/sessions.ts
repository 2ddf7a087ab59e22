// Sessions: a short-lived access token (JWT) plus a refresh token that works once and is rotated
// on every use. The server keeps each session (with the refresh token's hash) so it can revoke it;
// every authenticated request checks that its session is still live.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { newId } from '../../shared/ids';
import { HttpError } from '../errors/http-error';
import type { SessionFilter, SessionRecord, Storage } from '../storage/types';
import type { SessionClaims, TokenService } from './tokens';

/**
 * How long a "this session is live" answer may be reused. Revocation must take effect within 5 s
 * on every instance; revoking through this instance drops the cached answer at once.
 */
const SESSION_CACHE_MS = 2_000;

export interface IssuedTokens {
  token: string;
  refreshToken: string;
  /** Seconds until `token` expires. */
  expiresIn: number;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** A refresh token is "<session id>.<secret>"; only the secret's hash is stored. */
function parseRefreshToken(refreshToken: string): { sessionId: string; secret: string } | undefined {
  const dot = refreshToken.indexOf('.');
  if (dot <= 0 || dot === refreshToken.length - 1) return undefined;
  return { sessionId: refreshToken.slice(0, dot), secret: refreshToken.slice(dot + 1) };
}

export interface SessionServiceOptions {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Called when a session ends (revoked, signed out, reused refresh token): close its streams. */
  onRevoked?: (sessionIds: string[]) => void;
}

export class SessionService {
  /** Per session: its user while it is live (undefined once it ended), and until when that answer holds. */
  private readonly cache = new Map<string, { userId: string | undefined; until: number }>();

  constructor(
    private readonly storage: Storage,
    private readonly tokens: TokenService,
    private readonly options: SessionServiceOptions,
  ) {}

  /** A new session for a user who just signed in. */
  async start(userId: string, workstation: { id: string; enrolled: boolean }): Promise<IssuedTokens & { sessionId: string }> {
    const now = Date.now();
    const secret = randomBytes(32).toString('base64url');
    const session: SessionRecord = {
      id: newId(),
      userId,
      workstationId: workstation.id,
      workstationEnrolled: workstation.enrolled,
      refreshHash: sha256(secret),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.options.refreshTtlSeconds * 1000).toISOString(),
      revokedAt: null,
    };
    await this.storage.insertSession(session);
    return { sessionId: session.id, ...(await this.accessFor(session, `${session.id}.${secret}`)) };
  }

  /**
   * Trades a refresh token for a new access token and a new refresh token. A refresh token that
   * was already used means it was copied: the session is revoked (`reused` tells the caller).
   */
  async refresh(refreshToken: string): Promise<IssuedTokens & { session: SessionRecord }> {
    const refused = () => new HttpError(401, 'unauthorized', 'Sign in again: the session has ended');
    const parsed = parseRefreshToken(refreshToken);
    const session = parsed ? await this.storage.getSession(parsed.sessionId) : undefined;
    if (!parsed || !session || !this.isLiveRecord(session)) throw refused();
    const user = await this.storage.getUser(session.userId);
    if (!user?.active) throw refused();
    const presented = sha256(parsed.secret);
    if (!sameHash(presented, session.refreshHash)) {
      await this.revoke({ id: session.id });
      throw new RefreshReuse(session);
    }
    const secret = randomBytes(32).toString('base64url');
    const rotated = await this.storage.rotateSessionRefresh(session.id, presented, sha256(secret), new Date().toISOString());
    // Lost a race against another use of the same refresh token: one of the two was a copy.
    if (!rotated) {
      await this.revoke({ id: session.id });
      throw new RefreshReuse(session);
    }
    return { session, ...(await this.accessFor(session, `${session.id}.${secret}`)) };
  }

  /** The live session a refresh token belongs to (for sign-out with an expired access token). */
  async sessionOfRefreshToken(refreshToken: string): Promise<SessionRecord | undefined> {
    const parsed = parseRefreshToken(refreshToken);
    const session = parsed ? await this.storage.getSession(parsed.sessionId) : undefined;
    if (!parsed || !session || !this.isLiveRecord(session)) return undefined;
    return sameHash(sha256(parsed.secret), session.refreshHash) ? session : undefined;
  }

  async revoke(filter: SessionFilter): Promise<string[]> {
    const ids = await this.storage.revokeSessions(filter, new Date().toISOString());
    this.ended(ids);
    if ('id' in filter) this.ended([filter.id]);
    if (ids.length > 0) this.options.onRevoked?.(ids);
    return ids;
  }

  /** Sessions ended here or on another instance: refused from now on, whatever was cached. */
  ended(sessionIds: string[]): void {
    for (const id of sessionIds) this.cache.set(id, { userId: undefined, until: Number.POSITIVE_INFINITY });
  }

  /** Whether a session is neither revoked nor expired; answers may be up to SESSION_CACHE_MS old. */
  async isLive(sessionId: string): Promise<boolean> {
    return (await this.liveSessionUser(sessionId)) !== undefined;
  }

  /** The user of a live session (undefined when it is revoked, expired or unknown). */
  private async liveSessionUser(sessionId: string): Promise<string | undefined> {
    const now = Date.now();
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > now) return cached.userId;
    const session = await this.storage.getSession(sessionId);
    const userId = session && this.isLiveRecord(session) ? session.userId : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(sessionId, { userId, until: now + SESSION_CACHE_MS });
    return userId;
  }

  /**
   * The token service the routes use: a token counts only while its session is live and belongs
   * to the token's user (a token signed for one person cannot ride on another person's session).
   */
  guard(): TokenService {
    return {
      issue: (claims, expiresAt) => this.tokens.issue(claims, expiresAt),
      verify: async (token): Promise<SessionClaims | undefined> => {
        const claims = await this.tokens.verify(token);
        return claims && (await this.liveSessionUser(claims.sid)) === claims.sub ? claims : undefined;
      },
    };
  }

  private isLiveRecord(session: SessionRecord): boolean {
    return session.revokedAt === null && session.expiresAt > new Date().toISOString();
  }

  private async accessFor(session: SessionRecord, refreshToken: string): Promise<IssuedTokens> {
    const sessionEnd = Math.floor(Date.parse(session.expiresAt) / 1000);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = Math.min(now + this.options.accessTtlSeconds, sessionEnd);
    const token = await this.tokens.issue(
      { sub: session.userId, ws: session.workstationId, sid: session.id, wse: session.workstationEnrolled },
      expiresAt,
    );
    return { token, refreshToken, expiresIn: Math.max(1, expiresAt - now) };
  }
}

/** A refresh token presented a second time; its session is now revoked. */
export class RefreshReuse extends HttpError {
  constructor(readonly session: SessionRecord) {
    super(401, 'unauthorized', 'Sign in again: this refresh token was already used, so the session has been ended');
  }
}
