import { z } from 'zod';
import { answers } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';

export const tagGroupList = z.object({
  items: z.array(
    z.object({
      id: z.int(),
      name: z.string(),
      exclusive: z.boolean().meta({ description: '每个客户在该组只能有一个标签' }),
      fromWeCom: z.boolean().meta({ description: '同步自企业微信企业客户标签，在企业微信中维护' }),
      tags: z.array(z.object({ id: z.int(), name: z.string(), color: z.string().nullable() })),
    }),
  ),
});

export const tagsDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/tag-groups',
    tag: '标签',
    signedIn: true,
    summary: '标签组与标签（筛选与打标签时可选的标签），按排序排列；企业微信的企业客户标签会自动同步进来',
    answers: {
      200: { description: '标签组列表', schema: tagGroupList },
      401: answers.unauthenticated,
    },
  },
];
