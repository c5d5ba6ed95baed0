import { z } from 'zod';
import type { Answer } from './route-doc.js';

// Answers most routes share: the problem document (http/problem.ts) and the usual failures.

export const problemSchema = z.object({
  type: z.string().meta({ description: 'urn:kelian:problem:<code>，程序据此判断' }),
  title: z.string().meta({ description: '给人看的中文说明' }),
  status: z.int(),
  detail: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .meta({ description: '出错的字段（以点分隔的路径）及原因' }),
  instance: z.string(),
  requestId: z.string(),
});

export const problem = (description: string): Answer => ({
  description,
  schema: problemSchema,
  problem: true,
});

export const answers = {
  invalid: problem('请求内容有误：errors 列出每个字段的问题，什么都没有改变'),
  unauthenticated: problem('未登录或会话已失效'),
  forbidden: problem('没有权限'),
  fieldRefused: problem('没有权限使用 errors 中列出的字段（只读、隐藏或不在管辖范围）'),
  notFound: problem('不存在，或不在你的数据权限范围内'),
  platform: problem('平台未接入、配置不完整或暂时无法访问'),
} satisfies Record<string, Answer>;

export const person = z.object({ id: z.int(), name: z.string() });
export const timestamp = z.iso.datetime();
