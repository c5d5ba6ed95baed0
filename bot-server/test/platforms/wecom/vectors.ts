// Published WXBizMsgCrypt vectors (reference §1.7): Tencent Sample.cs (A, B), the Go json_callback
// sample (C), and D derived with a fixed random prefix.
export const TOKEN = 'QDG6eK';
export const ENCODING_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const CORP_ID = 'wx5823bf96d3bd56c7';
export const AES_KEY_HEX = '8d69989bbaabe67328014c194631ad0719b3dca035b64023df292447aab60760';

export const A = {
  timestamp: '1409659589',
  nonce: '263014780',
  signature: '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3',
  encrypt: 'P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==',
  plaintext: '1616140317555161061',
  pad: 7,
};

export const B = {
  timestamp: '1409659813',
  nonce: '1372623149',
  signature: '477715d11cdb4164915debcba66cb864d751f3e6',
  encrypt:
    'RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==',
  plaintext: [
    '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>',
    '<FromUserName><![CDATA[mycreate]]></FromUserName>',
    '<CreateTime>1409659813</CreateTime>',
    '<MsgType><![CDATA[text]]></MsgType>',
    '<Content><![CDATA[hello]]></Content>',
    '<MsgId>4561255354251345929</MsgId>',
    '<AgentID>218</AgentID>',
    '</xml>',
  ].join('\n'),
  pad: 30,
};

/** The envelope WeCom POSTs for B (reference §1.4, §1.7). */
export const B_BODY = `<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${B.encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;

export const C = {
  timestamp: '1409659813',
  nonce: '1372623149',
  signature: '0623cbc5a8cbee5bcc137c70de99575366fc2af3',
  encrypt:
    'CZWs4CWRpI4VolQlvn4dlEC1alN2MUEY2VklGehgBVLBrlVF7SyT+SV+Toj43l4ayJ9UMGKphktKKmP7B2j/P1ey67XB8PBgS7Wr5/8+w/yWriZv3Vmoo/MH3/1HsIWZrPQ3N2mJrelStIfI2Y8kLKXA7EhfZgZX4o+ffdkZDM76SEl79Ib9mw7TGjZ9Aw/x/A2VjNbV1E8BtEbRxYYcQippYNw7hr8sFfa3nW1xLdxokt8QkRX83vK3DFP2F6TQFPL2Tu98UwhcUpPvdJBuu1/yiOQIScppV3eOuLWEsko=',
  plaintext:
    '{"ToUserName":"wx5823bf96d3bd56c7","FromUserName":"mycreate","CreateTime": 1409659813,"MsgType":"text","Content":"hello","MsgId":4561255354251345929,"AgentID": 218}',
  pad: 22,
};

export const D = {
  timestamp: '1409659813',
  nonce: '1372623149',
  signature: '9e3636a3fc7d2fc104d0400978e080fbc31de52c',
  random: Buffer.from('aaaabbbbccccdddd'),
  message: 'hello',
  encrypt: 'ZA4HuQypHxnRrA+A6SOHGNOB7gDkeg+o+hG8ENTXAny8CPEgaO1IvTTlbHRbpeGQQVVrc60WYA641YjLK+BMxg==',
  pad: 21,
};

/** Milliseconds of a vector's timestamp: the receiver's clock is pinned to it. */
export const at = (timestamp: string) => Number(timestamp) * 1000;
