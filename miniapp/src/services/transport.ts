import Taro from '@tarojs/taro';
import { type Answer, type Exchange, TransportError } from './exchange';

// One HTTP exchange. The mini-programs go through Taro.request (wx.request, or the DingTalk
// runtime's request); h5 resolves './transport' to transport.h5.ts, which uses the browser's fetch.

export { type Answer, type Exchange, TransportError };

export async function send({ url, method, header, data, timeout }: Exchange): Promise<Answer> {
  try {
    const answer = await Taro.request({
      url,
      method,
      header,
      data: data as Taro.request.Option['data'],
      dataType: 'json',
      timeout,
    });
    return { statusCode: answer.statusCode, data: answer.data };
  } catch (error) {
    const text = String((error as { errMsg?: string })?.errMsg ?? error);
    throw new TransportError(/timeout/i.test(text) ? 'timeout' : 'network');
  }
}
