import { goLiveDocs } from '../../api/admin/docs.js';
import { goLiveRouter } from '../../api/admin/routes.js';
import type { KelianModule } from '../../modules/contract.js';

/** Going live and running it: the administrators' checklist and the org sync's status and 立即同步. */
export const goLiveModule: KelianModule = {
  name: 'golive',
  api: { routers: (deps) => [goLiveRouter(deps)], docs: () => goLiveDocs },
};
