import Taro from '@tarojs/taro';
import { ApiError, messageOf } from '../services/api';
import { claimLead, type Lead } from '../services/sales';

// Claiming a pool lead, the same from the list and from the lead's page. Someone quicker may have
// taken it a moment ago: the server's 409 names who, and the caller shows the lead as it now is.

export type ClaimOutcome = { claimed: Lead } | { taken: true } | { failed: true };

export async function claim(lead: Lead): Promise<ClaimOutcome> {
  try {
    const claimed = await claimLead(lead.id);
    void Taro.showToast({ title: '认领成功，记得尽快跟进', icon: 'none' });
    return { claimed };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'lead-taken') {
      await Taro.showModal({
        title: '没抢到',
        content: error.title,
        showCancel: false,
        confirmText: '知道了',
      });
      return { taken: true };
    }
    void Taro.showToast({ title: messageOf(error), icon: 'none' });
    return { failed: true };
  }
}

/** 张总 · 138****1234: who to call about the lead. */
export const leadContact = (lead: Lead) =>
  [lead.contactName, lead.mobile].filter(Boolean).join(' · ') || '未留联系方式';

export const leadStatusNames: Record<Lead['status'], string> = {
  new: '待认领',
  claimed: '跟进中',
  invalid: '无效',
  converted: '已转化',
};

export const invalidReasons = ['空号或无法接通', '重复线索', '没有购买意向', '同行或求职', '信息不全'];
