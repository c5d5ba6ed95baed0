import Taro from '@tarojs/taro';
import { ApiError, messageOf } from '../../services/api';

/** A refusal in the server's own words: the fields' messages say more than a 400's title. */
export function showRefusal(error: unknown) {
  const fields = error instanceof ApiError ? error.errors.map((f) => f.message) : [];
  void Taro.showModal({
    title: '未能保存',
    content: fields.length > 0 ? fields.join('；') : messageOf(error),
    showCancel: false,
    confirmText: '知道了',
  });
}
