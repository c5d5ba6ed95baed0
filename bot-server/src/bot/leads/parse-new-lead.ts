import type { NewLead } from '../../domain/leads/leads.js';

const usage =
  '请这样写：新线索 <公司> <联系人> <手机号> [地区] [来源]，例如：新线索 北京星河科技 赵敏 13812345678 北京 展会';

/** `新线索 北京星河科技 赵敏 13812345678 北京 展会` → the lead, or what was wrong with it. */
export function parseNewLead(args: string): NewLead | string {
  const [company, contactName, mobile, region, source, ...extra] = args.split(/\s+/).filter(Boolean);
  if (!company || !contactName || !mobile) return `缺少公司、联系人或手机号。${usage}`;
  if (extra.length > 0) return `多了「${extra.join(' ')}」。公司名称中请不要有空格。${usage}`;
  return { company, contactName, mobile, region, source };
}
