import { savedViewObjects } from '@kelian/orm';
import { z } from 'zod';
import { batchOutcomeOf } from '../grid/responses.js';
import { gridFilter } from '../grid/schemas.js';
import { timestamp } from '../openapi/common.js';

// The answers of the customers grid's batch and of saved views, for the OpenAPI document.

export const batchOutcome = batchOutcomeOf('客户', '客户名称');

export const savedView = z.object({
  id: z.int(),
  object: z.enum(savedViewObjects),
  name: z.string(),
  columns: z.array(z.string()),
  sort: z.string(),
  filters: z.array(gridFilter),
  updatedAt: timestamp,
});
