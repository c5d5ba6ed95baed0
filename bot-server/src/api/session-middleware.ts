import type { User } from '@kelian/orm';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Middleware, ParameterizedContext } from 'koa';
import { resolveSession } from '../domain/auth/sessions.js';
import { unauthenticated } from './problems.js';

// `Authorization: Bearer <token>` → ctx.state.user. Reading a session never refuses a request by
// itself: routes that need a user say so with requireUser, the others (login, JS-SDK signatures)
// work without one.

export interface SessionState {
  /** The signed-in user, when the request carries a live session. */
  user?: User;
  /** The bearer token the request carried, live or not. */
  token?: string;
}

const bearer = /^Bearer +(.+)$/i;

export function readSession({ orm }: { orm: Pick<MikroORM, 'em'> }): Middleware<SessionState> {
  return async (ctx, next) => {
    const token = bearer.exec(ctx.get('authorization'))?.[1];
    if (token !== undefined) {
      ctx.state.token = token;
      const user = await resolveSession(orm.em, token);
      if (user) ctx.state.user = user;
    }
    await next();
  };
}

/** The signed-in user; a 401 problem when there is none. */
export function currentUser(ctx: ParameterizedContext<SessionState>): User {
  const { user, token } = ctx.state;
  if (user) return user;
  // RFC 6750 §3: say which scheme is expected, and whether the token given was the trouble.
  ctx.set(
    'WWW-Authenticate',
    token === undefined ? 'Bearer realm="kelian"' : 'Bearer realm="kelian", error="invalid_token"',
  );
  throw unauthenticated();
}

/** Guard for routes and routers that need a signed-in user. */
export const requireUser: Middleware<SessionState> = async (ctx, next) => {
  currentUser(ctx);
  await next();
};
