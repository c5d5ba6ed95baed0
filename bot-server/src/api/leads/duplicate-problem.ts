import type { DuplicateLeadError } from '../../domain/leads/duplicates.js';
import { Problem } from '../../http/problem.js';

/** 409: the lead is already recorded; `leadId` names it, so a client can open it instead. */
export class DuplicateLeadProblem extends Problem {
  constructor(private readonly duplicate: DuplicateLeadError) {
    super(409, 'duplicate-lead', duplicate.message, '同一公司和手机号的线索只登记一次');
  }

  override toJSON(instance: string, requestId: string) {
    return { ...super.toJSON(instance, requestId), leadId: this.duplicate.lead.id };
  }
}
