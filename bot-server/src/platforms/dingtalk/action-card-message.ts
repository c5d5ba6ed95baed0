import type { RobotMessage } from './robot-messages.js';

/** A card as an ActionCard: markdown text and link buttons (no callbacks). */
export interface ActionCardContent {
  title: string;
  text: string;
  btns: { title: string; actionURL: string }[];
}

/**
 * The app robot sends ActionCards through fixed message templates: `sampleActionCard` has one
 * button, `sampleActionCard2`…`5` have that many stacked buttons (DingTalk's robot message table).
 */
export function actionCardRobotMessage(card: ActionCardContent): RobotMessage {
  const btns = card.btns.slice(0, 5);
  const [first] = btns;
  if (btns.length <= 1) {
    return {
      msgKey: 'sampleActionCard',
      msgParam: {
        title: card.title,
        text: card.text,
        singleTitle: first?.title ?? '查看详情',
        singleURL: first?.actionURL ?? '',
      },
    };
  }
  const msgParam: Record<string, string> = { title: card.title, text: card.text };
  btns.forEach((b, i) => {
    msgParam[`actionTitle${i + 1}`] = b.title;
    msgParam[`actionURL${i + 1}`] = b.actionURL;
  });
  return { msgKey: `sampleActionCard${btns.length}`, msgParam };
}
