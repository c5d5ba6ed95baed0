import { FULL_VIEW } from '../audience/audience.js';
import { buildSurveyCard, type SurveyCardState } from '../builders/survey.js';
import type { CardSample } from './sample.js';

const sample = (name: string, label: string, state: SurveyCardState): CardSample => ({
  name: `survey-${name}`,
  label: `满意度调查 · ${label}`,
  delivery: state.kind === 'open' ? 'send' : 'update',
  card: buildSurveyCard(
    {
      cardId: 'survey-T3001-v1',
      ticketId: 'T3001',
      ticketNo: 'GD-20250308-017',
      summary: '收银一体机无法开机',
      agentName: '陈晨',
      state,
    },
    FULL_VIEW,
  ),
});

export const surveySamples: CardSample[] = [
  sample('open', '请打分', { kind: 'open' }),
  sample('rated', '已评价，感谢', { kind: 'rated', score: 5 }),
];
