import type { Customer } from '@kelian/orm';
import type { OutboundMessage } from '../platforms/common.js';

/**
 * The answer to a command whose customer name matched several: the candidates, each with what tells
 * them apart, and the command rewritten with the first full name so the user can send it again.
 */
export function customerChoices(customers: Customer[], retry: (name: string) => string): OutboundMessage {
  const lines = customers.map(
    (c, i) => `${i + 1}. ${c.name}${c.city ? `（${c.city}）` : ''} · 负责人 ${c.owner?.name ?? '公海'}`,
  );
  return {
    kind: 'text',
    text: `找到 ${customers.length} 位匹配的客户，请写出完整名称再发一次：\n${lines.join('\n')}\n例如：${retry(customers[0]!.name)}`,
  };
}

/** The answer when no customer the user can see matches. */
export const noCustomer = (keyword: string): OutboundMessage => ({
  kind: 'text',
  text: `没有找到你可以查看的客户「${keyword}」。可以用名称、拼音、首字母或电话后四位查找，例如：客户 huawei`,
});
