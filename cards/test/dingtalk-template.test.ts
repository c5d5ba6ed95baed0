import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cardSamples, renderDingTalk, SAMPLE_RENDER_OPTIONS } from '@kelian/cards';
import { expect, test } from 'vitest';

// The admin imports this file into the DingTalk card platform; the renderer fills its variables.
const template = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'dingtalk', 'templates', 'kelian-general.json'), 'utf8'),
);
const editor = JSON.parse(template.editorData);
const variables = new Map<string, { type: string; schema?: { name: string }[] }>(
  editor.variableList.map((v: { name: string; type: string; schema?: { name: string }[] }) => [v.name, v]),
);

test('the template declares exactly the variables the renderer fills', () => {
  const rendered = Object.keys(
    renderDingTalk(cardSamples[0]!.card, SAMPLE_RENDER_OPTIONS).cardData.cardParamMap,
  );
  expect([...variables.keys()].sort()).toEqual(rendered.sort());
});

test('loop variables declare every property the renderer puts in their items', () => {
  const itemKeys = (name: 'fields' | 'buttons') =>
    new Set(
      cardSamples.flatMap((sample) =>
        JSON.parse(renderDingTalk(sample.card, SAMPLE_RENDER_OPTIONS).cardData.cardParamMap[name]).flatMap(
          (item: object) => Object.keys(item),
        ),
      ),
    );
  for (const name of ['fields', 'buttons'] as const) {
    const declared = variables.get(name)?.schema?.map((prop) => prop.name) ?? [];
    expect(variables.get(name)?.type).toBe('loopArray');
    expect([...itemKeys(name)].sort()).toEqual([...declared].sort());
  }
});

test('request buttons send the Kelian action key as params.action', () => {
  expect(template.editorData).toContain('"name":"action","variableType":"loop"');
  expect(template.mode).toBe('card');
});
