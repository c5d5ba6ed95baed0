import Taro from '@tarojs/taro';
import { messageOf } from '../../services/api';

/** The server's refusal of a change, in its own Chinese words; nothing was changed. */
export function showRefusal(error: unknown): void {
  void Taro.showModal({
    title: '未能保存',
    content: messageOf(error),
    showCancel: false,
    confirmText: '知道了',
  });
}
