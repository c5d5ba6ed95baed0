import { z } from 'zod';
import { answers, person } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';
import { usersQuery } from './schemas.js';

export const usersList = z.object({
  items: z.array(z.object({ id: z.int(), name: z.string(), department: person.nullable() })),
});

export const usersDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/users',
    tag: '用户',
    signedIn: true,
    summary: '可选的负责人：在职、且在你的数据权限范围内的同事（仅本人权限时只有自己），按部门与姓名排序',
    query: usersQuery,
    answers: {
      200: { description: '用户列表', schema: usersList },
      400: answers.invalid,
      401: answers.unauthenticated,
    },
  },
];
