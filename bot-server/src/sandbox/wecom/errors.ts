import { randomAlnum } from '../state/ids.js';

// WeCom answers every call with HTTP 200 and {errcode, errmsg}; programs branch on errcode only.
// The messages imitate WeCom's English errmsg with its "hint" and doc link, so a log line from the
// sandbox reads like one from production.

const messages: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40008: 'invalid message type',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  40068: 'invalid tagid',
  40096: 'invalid external userid',
  40126: 'corp tag count exceeds the limit of 3000',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41008: 'missing code',
  41035: 'missing external userid',
  41011: 'missing agentid',
  42001: 'access_token expired',
  42014: 'invalid task_id',
  42015: 'the app updating the card is not the app that sent it',
  42016: 'task_id not found',
  42017: 'button key not found',
  42018: 'invalid button key',
  42019: 'missing button key',
  42020: 'missing button name',
  42022: 'code has been used',
  44004: 'empty content',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  60020: 'not allow to access from your ip',
  60111: 'userid not found',
  60123: 'invalid party id',
  81013: 'user & party & tag all invalid',
  82001: 'user & party & tag all empty',
  84061: 'not external contact',
  86001: 'invalid chatid',
  86003: 'chatid not exist',
  86004: 'invalid chat name',
  86006: 'invalid chat member count',
  86207: 'chat owner not in member list',
  86215: 'chatid already exists',
  86216: 'invalid chat member',
  91040: 'invalid ticket type',
  93000: 'invalid webhook url',
};

/** A WeCom API failure; the router turns it into `{errcode, errmsg}`. */
export class WeComError extends Error {
  constructor(
    readonly errcode: number,
    readonly detail?: string,
    /** The caller's address as WeCom saw it: 60020 names it ("from ip: …"), the IP to add as trusted. */
    readonly fromIp?: string,
  ) {
    super(`${errcode} ${messages[errcode] ?? 'error'}${detail ? `: ${detail}` : ''}`);
    this.name = 'WeComError';
  }

  body(nowSec: number): { errcode: number; errmsg: string } {
    const base = messages[this.errcode] ?? 'error';
    return {
      errcode: this.errcode,
      errmsg: `${base}${this.detail ? `: ${this.detail}` : ''}, hint: [${nowSec}_${randomAlnum(8)}]${this.fromIp ? `, from ip: ${this.fromIp}` : ''}, more info at https://open.work.weixin.qq.com/devtool/query?e=${this.errcode}`,
    };
  }
}
