import type { FollowUpKind } from '@kelian/orm';
import { followUpKindFrom } from '../../domain/followups/kind-words.js';

export const followUpUsage =
  '请这样写：跟进 <客户> <内容> [下次 <时间>]，例如：跟进 华为 电话沟通报价 下次 3天后';

export interface ParsedFollowUp {
  customer: string;
  content: string;
  /** The kind the content names; absent when it names none. */
  kind?: FollowUpKind;
  /** The words after 下次, to be read as a time. */
  next?: string;
}

/** `华为 电话沟通 下次 3天后` → its parts, or what is missing. */
export function parseFollowUp(args: string): ParsedFollowUp | string {
  const [customer, ...rest] = args.split(/\s+/).filter(Boolean);
  const words = rest.join(' ');
  const at = words.search(/(^|\s)下次(\s|$)/);
  const content = (at < 0 ? words : words.slice(0, at)).trim();
  const next =
    at < 0
      ? undefined
      : words
          .slice(at)
          .replace(/^\s*下次\s*/, '')
          .trim();
  if (!customer || !content) return `缺少客户或跟进内容。${followUpUsage}`;
  if (next === '') return `「下次」后面要写时间，例如 明天、3天后、下周一 上午10点。${followUpUsage}`;
  const kind = followUpKindFrom(content);
  return { customer, content, ...(kind ? { kind } : {}), ...(next ? { next } : {}) };
}
