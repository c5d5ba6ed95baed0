import type { FollowUpKind } from '@kelian/orm';

// The kind of a follow-up, from the words people use for it ("钉钉上沟通了合同条款" was a chat, not
// a call). The first kind whose words appear wins, so a visit arranged by phone ("电话约了上门") is
// the visit. Nothing said: the caller decides, and tells the person what it recorded.

const kindWords: [FollowUpKind, RegExp][] = [
  ['visit', /拜访|上门|面谈|见面|来访/],
  ['wechat', /微信|钉钉|企微|企业微信|飞书|私信/],
  ['email', /邮件|邮箱|email|e-mail/i],
  ['meeting', /会议|开会|视频会|腾讯会议/],
  ['call', /电话|致电|通话|打了|打给|来电/],
];

/** When the words say nothing about the kind, a follow-up is recorded as a call. */
export const defaultFollowUpKind: FollowUpKind = 'call';

/** The kind the words name, or undefined when they name none. */
export function followUpKindFrom(text: string): FollowUpKind | undefined {
  return kindWords.find(([, pattern]) => pattern.test(text))?.[0];
}
