import { describe, expect, it } from 'vitest';
import { WeComLimitError } from '../../../src/platforms/wecom/errors.js';
import {
  assertAppChat,
  assertContent,
  assertRecipients,
  assertTaskId,
  assertTemplateCard,
} from '../../../src/platforms/wecom/limits.js';

/** The reference §4.1 button_interaction example (the CRM's lead card). */
const leadCard = () => ({
  card_type: 'button_interaction',
  source: { icon_url: 'https://crm.example.com/icon.png', desc: 'CRM', desc_color: 1 },
  action_menu: { desc: '更多操作', action_list: [{ text: '不再提醒', key: 'mute' }] },
  main_title: { title: '新销售线索待分配', desc: '来源：官网表单' },
  quote_area: {
    type: 1,
    url: 'https://crm.example.com/leads/123',
    title: '线索摘要',
    quote_text: '张三 / 138****0000',
  },
  sub_title_text: '请在 30 分钟内认领',
  horizontal_content_list: [
    { keyname: '客户', value: '某某科技' },
    { type: 1, keyname: '详情', value: '打开', url: 'https://crm.example.com/leads/123' },
    { type: 3, keyname: '负责人', value: '点击查看', userid: 'zhangsan' },
  ],
  card_action: { type: 1, url: 'https://crm.example.com/leads/123' },
  task_id: 'lead-123-assign-1700000000',
  button_selection: {
    question_key: 'priority',
    title: '优先级',
    option_list: [
      { id: 'p1', text: '高' },
      { id: 'p2', text: '普通' },
    ],
    selected_id: 'p2',
  },
  button_list: [
    { text: '认领', style: 1, key: 'lead:123:claim' },
    { text: '转派', style: 2, key: 'lead:123:reassign' },
    { type: 1, text: '在CRM中打开', style: 3, url: 'https://crm.example.com/leads/123' },
  ] as Record<string, unknown>[],
});

const refused = (fn: () => void) => expect(fn).toThrow(WeComLimitError);

describe('template_card rules', () => {
  it('accepts the reference example', () => {
    expect(() => assertTemplateCard(leadCard())).not.toThrow();
  });

  it('at most 6 buttons, at least one on a button card', () => {
    const six = {
      ...leadCard(),
      button_list: Array.from({ length: 6 }, (_, i) => ({ text: `b${i}`, key: `k${i}` })),
    };
    expect(() => assertTemplateCard(six)).not.toThrow();
    refused(() =>
      assertTemplateCard({ ...six, button_list: [...six.button_list, { text: 'b6', key: 'k6' }] }),
    );
    refused(() => assertTemplateCard({ ...six, button_list: [] }));
  });

  it('callback buttons need unique keys ≤1024 bytes; link buttons a url; style 1–4', () => {
    const card = leadCard();
    refused(() =>
      assertTemplateCard({
        ...card,
        button_list: [
          { text: 'a', key: 'k' },
          { text: 'b', key: 'k' },
        ],
      }),
    );
    refused(() => assertTemplateCard({ ...card, button_list: [{ text: 'a' }] }));
    refused(() => assertTemplateCard({ ...card, button_list: [{ text: 'a', key: 'k'.repeat(1025) }] }));
    refused(() => assertTemplateCard({ ...card, button_list: [{ type: 1, text: 'a' }] }));
    refused(() => assertTemplateCard({ ...card, button_list: [{ text: 'a', key: 'k', style: 5 }] }));
    refused(() => assertTemplateCard({ ...card, button_list: [{ key: 'k' }] }));
  });

  it('task_id: required on interactive cards and with action_menu, ≤128 bytes of [0-9A-Za-z_-@]', () => {
    const { task_id: _omit, ...noTask } = leadCard();
    refused(() => assertTemplateCard(noTask));
    refused(() => assertTemplateCard({ ...leadCard(), task_id: 'lead:123' }));
    refused(() => assertTemplateCard({ ...leadCard(), task_id: '线索123' }));
    refused(() => assertTemplateCard({ ...leadCard(), task_id: 'a'.repeat(129) }));
    expect(() => assertTaskId('a'.repeat(128))).not.toThrow();
    expect(() => assertTaskId('Lead_1-2@x')).not.toThrow();
    const notice = {
      card_type: 'text_notice',
      main_title: { title: 't' },
      card_action: { type: 1, url: 'https://x' },
    };
    expect(() => assertTemplateCard(notice)).not.toThrow();
    refused(() =>
      assertTemplateCard({ ...notice, action_menu: { desc: 'm', action_list: [{ text: 'x', key: 'x' }] } }),
    );
  });

  it('list sizes: action menu 1–3, horizontal ≤6, jump ≤3, vertical ≤4, selection options 1–10', () => {
    const card = leadCard();
    const items = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ text: `t${i}`, key: `k${i}`, keyname: 'k', title: 't' }));
    refused(() => assertTemplateCard({ ...card, action_menu: { desc: 'm', action_list: items(4) } }));
    refused(() => assertTemplateCard({ ...card, action_menu: { desc: 'm', action_list: [] } }));
    refused(() => assertTemplateCard({ ...card, horizontal_content_list: items(7) }));
    refused(() => assertTemplateCard({ ...card, jump_list: items(4) }));
    refused(() => assertTemplateCard({ ...card, vertical_content_list: items(5) }));
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, text: `${i}` }));
    refused(() =>
      assertTemplateCard({ ...card, button_selection: { question_key: 'q', option_list: options(11) } }),
    );
    expect(() =>
      assertTemplateCard({ ...card, button_selection: { question_key: 'q', option_list: options(10) } }),
    ).not.toThrow();
  });

  it('vote and multiple-choice cards', () => {
    const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, text: `${i}` }));
    const vote = {
      card_type: 'vote_interaction',
      task_id: 'vote-1',
      checkbox: { question_key: 'q', mode: 1, option_list: options(20) },
      submit_button: { text: '提交', key: 'vote:1:submit' },
    };
    expect(() => assertTemplateCard(vote)).not.toThrow();
    refused(() => assertTemplateCard({ ...vote, checkbox: { question_key: 'q', option_list: options(21) } }));
    refused(() => assertTemplateCard({ ...vote, submit_button: undefined }));
    const multiple = {
      card_type: 'multiple_interaction',
      task_id: 'multi-1',
      select_list: [1, 2, 3].map((i) => ({ question_key: `q${i}`, option_list: options(10) })),
      submit_button: { text: '提交', key: 'm:1' },
    };
    expect(() => assertTemplateCard(multiple)).not.toThrow();
    refused(() =>
      assertTemplateCard({ ...multiple, select_list: [...multiple.select_list, multiple.select_list[0]] }),
    );
  });

  it('notice cards need their required parts; the robot takes notice cards only', () => {
    refused(() => assertTemplateCard({ card_type: 'text_notice', main_title: { title: 't' } }));
    refused(() => assertTemplateCard({ card_type: 'news_notice', main_title: { title: 't' } }));
    refused(() => assertTemplateCard({ card_type: 'fancy' }));
    refused(() => assertTemplateCard(leadCard(), 'webhook'));
    const news = {
      card_type: 'news_notice',
      card_image: { url: 'https://x/y.png' },
      card_action: { type: 1, url: 'https://x' },
    };
    expect(() => assertTemplateCard(news, 'webhook')).not.toThrow();
  });
});

describe('content, recipients, group chats', () => {
  it('content in UTF-8 bytes, not characters', () => {
    expect(() => assertContent('text', '中'.repeat(682), 2048)).not.toThrow(); // 2046 bytes
    refused(() => assertContent('text', '中'.repeat(683), 2048)); // 2049 bytes
    refused(() => assertContent('text', '', 2048));
  });

  it('recipients: 1000 members, 100 departments, 100 tags, at least one', () => {
    const n = (count: number) => Array.from({ length: count }, (_, i) => `${i}`);
    expect(() => assertRecipients({ users: n(1000), parties: n(100), tags: n(100) })).not.toThrow();
    refused(() => assertRecipients({ users: n(1001) }));
    refused(() => assertRecipients({ parties: n(101) }));
    refused(() => assertRecipients({ tags: n(101) }));
    refused(() => assertRecipients({}));
  });

  it('appchat: 2–2000 members, owner among them, name ≤50 characters, chatid ≤32 alphanumerics', () => {
    expect(() =>
      assertAppChat({ name: '群'.repeat(50), userIds: ['a', 'b'], owner: 'a', chatId: 'x'.repeat(32) }),
    ).not.toThrow();
    refused(() => assertAppChat({ name: 'g', userIds: ['a'] }));
    refused(() => assertAppChat({ name: 'g', userIds: ['a', 'a'] }));
    refused(() => assertAppChat({ name: 'g', userIds: Array.from({ length: 2001 }, (_, i) => `u${i}`) }));
    refused(() => assertAppChat({ name: '群'.repeat(51), userIds: ['a', 'b'] }));
    refused(() => assertAppChat({ name: 'g', userIds: ['a', 'b'], owner: 'c' }));
    refused(() => assertAppChat({ name: 'g', userIds: ['a', 'b'], chatId: 'chat-1' }));
  });
});
