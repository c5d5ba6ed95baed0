import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, messageOf } from '../../services/api';

/**
 * A change the server may refuse (分配, 移除, 保存, 删除): busy while it runs; a refusal is shown in
 * the server's own Chinese words, and the page keeps what it showed, since nothing was changed.
 */
export function useChange(failedTitle = '未能保存') {
  const [busy, setBusy] = useState(false);
  const run = async (change: () => Promise<void>) => {
    setBusy(true);
    try {
      await change();
    } catch (e) {
      void Taro.showModal({
        title: failedTitle,
        content: reasonOf(e),
        showCancel: false,
        confirmText: '知道了',
      });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

/** What to fix: the fields' own messages (请填写角色名称) say more than a 400's general title. */
function reasonOf(error: unknown): string {
  const fields = error instanceof ApiError ? error.errors.map((f) => f.message) : [];
  return fields.length > 0 ? fields.join('；') : messageOf(error);
}
