import { describe, expect, test } from 'vitest';
import { contractErrors } from './contract';
import { signIn, zhangWei } from './fake-api';
import {
  board,
  dongfang,
  figures,
  history,
  lead,
  managerFigures,
  stages,
  task,
  xinghe,
} from './sales-fixtures';

// The shared fixtures are answers the server could give: each agrees with its route in the
// server's contract (fake-api.ts checks every other answer a test gives as it is used).

describe('the shared fixtures agree with the contract', () => {
  test.each([
    ['POST', '/api/auth/wecom', signIn()[1]],
    ['GET', '/api/me', { ...zhangWei, administers: false, roles: [] }],
    ['GET', '/api/stages', { items: stages }],
    ['GET', '/api/opportunities/board', board],
    ['GET', '/api/opportunities', { items: [xinghe, dongfang], nextCursor: null }],
    ['GET', '/api/opportunities/12', { ...dongfang, history }],
    ['GET', '/api/leads/21', lead(21, '远景物流')],
    ['GET', '/api/leads', { items: [lead(21, '远景物流', { status: 'claimed' })], nextCursor: null }],
    ['GET', '/api/tasks', { items: [task(1, '回访', '2026-12-01T06:00:00Z')], nextCursor: null }],
    ['GET', '/api/me/figures', figures],
    ['GET', '/api/me/figures', managerFigures],
  ])('%s %s', (method, path, answer) => {
    expect(contractErrors(method, path, 200, answer)).toEqual([]);
  });
});

describe('a fixture that disagrees is named with its field', () => {
  test('a value of the wrong kind', () => {
    expect(contractErrors('GET', '/api/leads/21', 200, lead(21, '远景物流', { status: 'lost' }))).toEqual([
      'GET /api/leads/21 200: /status must be equal to one of the allowed values',
    ]);
  });

  test('a field the server does not send, and one it always sends', () => {
    const { stageChangedAt: _, ...withoutIt } = { ...xinghe, probability: 10 };
    expect(
      contractErrors('GET', '/api/opportunities', 200, { items: [withoutIt], nextCursor: null }),
    ).toEqual(
      expect.arrayContaining([
        'GET /api/opportunities 200: /items/0: "probability" is not a field the server sends',
        'GET /api/opportunities 200: /items/0: lacks "stageChangedAt", which the server always sends',
      ]),
    );
  });

  test('a route the server does not have, and a status it does not answer', () => {
    expect(contractErrors('GET', '/api/deals', 200, {})).toEqual([
      "GET /api/deals is not a route of the server's API",
    ]);
    expect(contractErrors('GET', '/api/me', 403, {})).toEqual([
      'GET /api/me answers 403, which the contract does not list',
    ]);
  });

  test('a literal route wins over a parameter: /board is not an opportunity id', () => {
    expect(contractErrors('GET', '/api/opportunities/board', 200, { ...xinghe, history })).not.toEqual([]);
  });
});
