import { orgSyncOutcomes } from '@kelian/orm';
import { z } from 'zod';
import { answers, person, timestamp } from '../openapi/common.js';
import type { RouteDoc } from '../openapi/route-doc.js';

const platform = z.enum(['wecom', 'dingtalk']);

export const checklistAnswer = z.object({
  checkedAt: timestamp,
  checks: z.array(
    z.object({
      id: z.string().meta({
        description:
          'public-url、administrators、wecom.callback、wecom.token、dingtalk.token、dingtalk.stream、dingtalk.card-template、org-sync.<平台>',
      }),
      platform: platform.nullable(),
      status: z.enum(['ok', 'warn', 'fail']),
      title: z.string(),
      detail: z.string(),
      fix: z.string().nullable().meta({ description: '怎样处理（在哪个后台的哪一步）；通过时为 null' }),
    }),
  ),
});

const run = z.object({
  id: z.int(),
  platform,
  outcome: z.enum(orgSyncOutcomes),
  requestedAt: timestamp,
  requestedBy: person.nullable().meta({ description: '点 立即同步 的管理员；定时与启动时的同步为 null' }),
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  report: z
    .record(z.string(), z.unknown())
    .nullable()
    .meta({ description: 'users / departments 各自的 created、linked、updated、unlinked、deactivated 计数' }),
  error: z.string().nullable(),
});

export const orgSyncAnswer = z.object({
  items: z.array(
    z.object({
      platform,
      linked: z
        .object({ users: z.int(), departments: z.int() })
        .meta({ description: '客联中与该平台关联的在职人员数和部门数' }),
      latest: run.nullable(),
      lastSucceeded: run.nullable(),
    }),
  ),
});

export const orgSyncRunAnswer = z.object({ items: z.array(run) });

const tag = '上线与运行';
const adminAnswers = { 401: answers.unauthenticated, 403: answers.forbidden };

export const goLiveDocs: RouteDoc[] = [
  {
    method: 'get',
    path: '/admin/checklist',
    tag,
    signedIn: true,
    summary:
      '上线检查（仅管理员）：现场检查回调验证、访问凭证、Stream 连接、卡片模板、通讯录同步、HTTPS 与管理员',
    answers: { 200: { description: '每一项的结果与处理方法', schema: checklistAnswer }, ...adminAnswers },
  },
  {
    method: 'get',
    path: '/admin/org-sync',
    tag,
    signedIn: true,
    summary: '通讯录同步状态（仅管理员）：每个平台最近一次同步及最近一次成功的同步',
    answers: { 200: { description: '每个已接入平台的同步记录', schema: orgSyncAnswer }, ...adminAnswers },
  },
  {
    method: 'post',
    path: '/admin/org-sync/run',
    tag,
    signedIn: true,
    summary: '立即同步通讯录（仅管理员，记入审计日志）；已有同步在进行时拒绝（409 org-sync-running）',
    answers: {
      202: { description: '已排队的同步，每个平台一条', schema: orgSyncRunAnswer },
      ...adminAnswers,
      409: { ...answers.forbidden, description: '通讯录正在同步（org-sync-running），什么都没有改变' },
    },
  },
];
