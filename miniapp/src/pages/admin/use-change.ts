import Taro from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from '../../services/api';

/**
 * A change the server may refuse (分配, 移除, 保存, 删除): busy while it runs; a refusal is shown in
 * the server's own Chinese words, and the page keeps what it showed, since nothing was changed.
 */
export function useChange() {
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<void>) => {
    setBusy(true);
    try {
      await change();
    } catch (e) {
      void Taro.showModal({
        title: '未能保存',
        content: messageOf(e),
        showCancel: false,
        confirmText: '知道了',
      });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
