import type { PlatformName } from '../../domain/org/platform-name.js';
import type { Logger } from '../../logger.js';
import type { DingTalkClient } from '../../platforms/dingtalk/client.js';
import { DingTalkApiError } from '../../platforms/dingtalk/errors.js';
import type { WeComClient } from '../../platforms/wecom/client.js';
import { WeComApiError } from '../../platforms/wecom/errors.js';
import { invalidLoginCode, noAccount, platformUnavailable } from '../problems.js';

// A login code → the platform user id it stands for. Codes are single-use and live five minutes;
// the platform's verdict on a spent, expired or made-up one is WeCom 40029 (auth/getuserinfo and
// jscode2session, reference §6.1) or DingTalk 40078 (topapi/v2/user/getuserinfo, §7.1). Anything
// else is the platform's or our configuration's trouble, not the user's.

export type WeComCodeKind = 'oauth' | 'miniprogram';

export async function wecomUserIdOf(
  client: WeComClient,
  code: string,
  kind: WeComCodeKind,
  log: Logger,
): Promise<string> {
  const identity = await exchange<{ userId?: string }>(
    'wecom',
    () => (kind === 'miniprogram' ? client.jscode2session(code) : client.getUserInfo(code)),
    (error) => error instanceof WeComApiError && error.errcode === 40029,
    log,
  );
  // OAuth answers a visitor from outside the corp (a customer, a WeChat user) with an openid only.
  if (identity.userId === undefined) throw noAccount('访问者不是本企业成员');
  return identity.userId;
}

export async function dingtalkUserIdOf(client: DingTalkClient, code: string, log: Logger): Promise<string> {
  const user = await exchange(
    'dingtalk',
    () => client.userByAuthCode(code),
    (error) => error instanceof DingTalkApiError && error.code === '40078',
    log,
  );
  return user.userId;
}

async function exchange<T>(
  platform: PlatformName,
  call: () => Promise<T>,
  refusesCode: (error: unknown) => boolean,
  log: Logger,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (refusesCode(error)) {
      log.info({ platform }, 'login code refused by the platform');
      throw invalidLoginCode();
    }
    log.error({ err: error, platform }, 'login code exchange failed');
    throw platformUnavailable(platform);
  }
}
