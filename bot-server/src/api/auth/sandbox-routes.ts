import type Router from '@koa/router';
import { z } from 'zod';
import { activeUsers, signInWithoutProof } from '../../domain/auth/sign-in.js';
import { parseInput } from '../../http/validate.js';
import type { ApiDeps, ApiState } from '../deps.js';
import { presentSignIn, presentUser } from '../present.js';
import { noAccount } from '../problems.js';

// In a plain browser there is no platform to vouch for anyone, so the sandbox's mini-app offers a
// picker of demo users. These routes exist only in sandbox mode; elsewhere they are a plain 404.

/** The demo-user pick, validated here and described in the OpenAPI document. */
export const sandboxPick = z.object({
  userId: z
    .int({ error: '请选择一位演示用户（userId 为用户编号）' })
    .positive('请选择一位演示用户（userId 为用户编号）'),
});

export function sandboxAuthRoutes(router: Router<ApiState>, { orm }: ApiDeps): void {
  router.get('/auth/sandbox/users', async (ctx) => {
    ctx.body = { users: (await activeUsers(orm.em)).map(presentUser) };
  });

  router.post('/auth/sandbox', async (ctx) => {
    const { userId } = parseInput(sandboxPick, ctx.request.body);
    const signedIn = await signInWithoutProof(orm.em, userId);
    if (!signedIn) throw noAccount();
    ctx.state.log.info({ userId, via: 'sandbox' }, 'signed in');
    ctx.body = presentSignIn(signedIn);
  });
}
