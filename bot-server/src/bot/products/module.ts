import { productDocs } from '../../api/products/docs.js';
import { productsRouter } from '../../api/products/routes.js';
import type { KelianModule } from '../../modules/contract.js';

/** The product catalogue quotes are written from (the orders issue adds stock to it). */
export const productsModule: KelianModule = {
  name: 'products',
  api: { routers: (deps) => [productsRouter(deps)], docs: () => productDocs },
};
