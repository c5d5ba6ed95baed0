import type { EntityManager } from '@mikro-orm/postgresql';
import { type AdminGrant, grantAdministrator } from '../domain/roles/grant-admin.js';

// `npm run admin -- grant <id>`, the work and its answer, wherever it runs: in the command line's
// own process (PostgreSQL, or the embedded database with the server stopped), or in the running
// server through the embedded database's admin door (boot.ts serves it).

export const grantCommandName = 'grant-admin';

export async function grantFromCommandLine(
  em: EntityManager,
  identifier: string,
): Promise<{ ok: boolean; text: string }> {
  const grant = await grantAdministrator(em, { user: null, via: 'cli' }, identifier.trim());
  return { ok: grant.outcome === 'granted' || grant.outcome === 'already', text: sentence(grant) };
}

function sentence(grant: AdminGrant): string {
  switch (grant.outcome) {
    case 'granted':
      return `已将 ${grant.user.name} 设为客联管理员。`;
    case 'already':
      return `${grant.user.name} 已经是客联管理员，未做更改。`;
    case 'unknown':
      return `通讯录中没有在职的「${grant.identifier}」：请确认手机号或账号，并等待通讯录同步后再试。`;
    case 'ambiguous':
      return `「${grant.identifier}」对应 ${grant.matches} 位同事，请改用企业微信或钉钉的账号（userid）。`;
  }
}
