import { z } from 'zod';
import { idParam } from '../customers/schemas.js';
import { personJson } from './docs.js';

// The shapes of merging two users (merge-routes.ts): the other account, named by its id.

const otherId = idParam('要合并的账号应为用户编号').meta({
  description: '要合并进来的账号（此人在另一个平台上的账号）；合并后它标记为已合并，不再使用',
});

export const mergeParams = z.object({ id: idParam('用户编号应为正整数') });
export const mergeQuery = z.object({ otherId });
export const mergeBody = z.strictObject({ otherId }, { error: '不认识的字段' });

const moves = z
  .array(
    z.object({
      key: z.string().meta({ description: 'customers、leads、deals、tasks、followUps、roles、sessions…' }),
      label: z.string(),
      count: z.int(),
    }),
  )
  .meta({ description: '要转到保留账号的内容，逐类计数（含为 0 的）' });

export const mergePlanJson = z.object({
  kept: personJson.meta({ description: '保留的账号' }),
  other: personJson.meta({ description: '合并进来的账号' }),
  moves,
});

export const suggestionList = z.object({
  items: z.array(
    z.object({
      wecom: personJson.meta({ description: '只有企业微信账号的一方' }),
      dingtalk: personJson.meta({ description: '只有钉钉账号的一方' }),
    }),
  ),
});
