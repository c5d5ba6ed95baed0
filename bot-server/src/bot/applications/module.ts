import { applicationDocs } from '../../api/applications/docs.js';
import { applicationsRouter } from '../../api/applications/routes.js';
import type { KelianModule } from '../../modules/contract.js';

/** Document types an administrator names and their applications (申请); approved through the engine. */
export const applicationsModule: KelianModule = {
  name: 'applications',
  api: { routers: (deps) => [applicationsRouter(deps)], docs: () => applicationDocs },
};
