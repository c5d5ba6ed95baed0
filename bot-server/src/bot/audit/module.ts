import { auditDocs } from '../../api/audit/docs.js';
import { auditRouter } from '../../api/audit/routes.js';
import type { KelianModule } from '../../modules/contract.js';

/** The audit log: who changed, exported or read what (admins read it through the API). */
export const auditModule: KelianModule = {
  name: 'audit',
  api: { routers: (deps) => [auditRouter(deps)], docs: () => auditDocs },
};
