import { sandboxWeCom } from '@kelian/config';
import { encrypt, getSignature } from '@wecom/crypto';

// Callbacks as WeCom sends them, sealed with `@wecom/crypto` (an implementation independent of
// Kelian's), for tests that need requests the sandbox's person actions would not produce.
const { token, encodingAesKey, corpId } = sandboxWeCom;

export { corpId };

const now = () => Math.floor(Date.now() / 1000);

export function textMessageXml(from = 'ZhangWei', content = '帮助'): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${Date.now()}${Math.floor(Math.random() * 1e6)}</MsgId><AgentID>1000002</AgentID></xml>`;
}

export function cardClickXml(from: string, taskId: string, key: string): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${now()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${key}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[forged-${Date.now()}]]></ResponseCode><AgentID>1000002</AgentID></xml>`;
}

export function sealedCallback(
  serverUrl: string,
  plaintext: string,
  opts: { receiveId?: string; timestamp?: number; signatureToken?: string } = {},
) {
  const timestamp = String(opts.timestamp ?? now());
  const nonce = String(Math.floor(Math.random() * 1e9));
  const encrypted = encrypt(encodingAesKey, plaintext, opts.receiveId ?? corpId);
  const signature = getSignature(opts.signatureToken ?? token, timestamp, nonce, encrypted);
  return {
    url: `${serverUrl}/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

export function postCallback(request: { url: string; body: string }): Promise<Response> {
  return fetch(request.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: request.body });
}
