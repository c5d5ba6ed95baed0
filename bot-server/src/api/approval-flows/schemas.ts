import { z } from 'zod';
import { flowJson } from '../approvals/schemas.js';
import { person } from '../openapi/common.js';

export const flowVersions = z.object({
  items: z.array(flowJson.extend({ createdBy: person.nullable() })),
});
