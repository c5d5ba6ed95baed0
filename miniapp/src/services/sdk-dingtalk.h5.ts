import 'dingtalk-jsapi/entry/union';
import requestAuthCode from 'dingtalk-jsapi/api/runtime/permission/requestAuthCode';

// Loaded on demand by sdk.h5.ts inside DingTalk only: the union entry (phone and desktop clients)
// and the one API login needs, never the whole dingtalk-jsapi (300 kB).

export function requestDingTalkAuthCode(corpId: string): Promise<{ code: string }> {
  return requestAuthCode({ corpId });
}
