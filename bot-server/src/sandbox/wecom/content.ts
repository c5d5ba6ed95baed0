import { WeComError } from './errors.js';
import { type TemplateCard, validateTemplateCard } from './template-card.js';

// The body of one message by msgtype, checked as WeCom checks it. Texts over their byte limit are
// cut, not refused: WeCom truncates them (§4).

type Channel = 'app' | 'appchat' | 'webhook';

const TEXT_LIMITS: Record<Channel, Record<string, number>> = {
  app: { text: 2048, markdown: 2048 },
  appchat: { text: 2048, markdown: 2048 },
  webhook: { text: 2048, markdown: 4096, markdown_v2: 4096 },
};

// The message types the sandbox can show; appchat cannot carry template cards (§5.1).
const TYPES: Record<Channel, ReadonlySet<string>> = {
  app: new Set(['text', 'markdown', 'textcard', 'template_card']),
  appchat: new Set(['text', 'markdown', 'textcard']),
  webhook: new Set(['text', 'markdown', 'markdown_v2', 'news', 'template_card']),
};

export interface Content {
  msgtype: string;
  /** The msgtype's object as WeCom would show it (texts cut to their limit). */
  payload: Record<string, unknown>;
  card?: TemplateCard;
}

function cutToBytes(text: string, limit: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= limit) return text;
  // Cutting inside a multi-byte character leaves a replacement char at the end; drop it.
  return buf
    .subarray(0, limit)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
}

export function readContent(body: Record<string, unknown>, channel: Channel): Content {
  const msgtype = body.msgtype;
  if (typeof msgtype !== 'string' || !TYPES[channel].has(msgtype)) {
    throw new WeComError(40008, `msgtype "${String(msgtype)}" cannot be sent here`);
  }
  const payload = body[msgtype];
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new WeComError(40058, `${msgtype} is required`);
  }
  const fields = payload as Record<string, unknown>;
  const limit = TEXT_LIMITS[channel][msgtype];
  if (limit !== undefined) {
    const content = fields.content;
    if (typeof content !== 'string' || content === '') throw new WeComError(44004, `${msgtype}.content`);
    return { msgtype, payload: { ...fields, content: cutToBytes(content, limit) } };
  }
  if (msgtype === 'template_card') {
    const card = validateTemplateCard(fields, channel === 'webhook' ? 'webhook' : 'app');
    return { msgtype, payload: card, card };
  }
  if (msgtype === 'textcard') {
    for (const field of ['title', 'description', 'url']) {
      if (typeof fields[field] !== 'string' || fields[field] === '')
        throw new WeComError(40058, `textcard.${field} is required`);
    }
  }
  if (msgtype === 'news' && !Array.isArray(fields.articles)) throw new WeComError(40058, 'news.articles');
  return { msgtype, payload: fields };
}
