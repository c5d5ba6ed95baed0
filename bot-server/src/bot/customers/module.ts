import { customFieldsDocs } from '../../api/custom-fields/docs.js';
import { customFieldsRouter } from '../../api/custom-fields/routes.js';
import { customersDocs } from '../../api/customers/docs.js';
import { externalCustomersDocs } from '../../api/customers/external-docs.js';
import { externalCustomersRouter } from '../../api/customers/external-routes.js';
import { customerGridDocs } from '../../api/customers/grid-docs.js';
import { customerGridRouter } from '../../api/customers/grid-routes.js';
import { mergeCustomersDocs } from '../../api/customers/merge-docs.js';
import { mergeCustomersRouter } from '../../api/customers/merge-routes.js';
import { customersRouter } from '../../api/customers/routes.js';
import { tagsDocs } from '../../api/tags/docs.js';
import { tagsRouter } from '../../api/tags/routes.js';
import { viewsRouter } from '../../api/views/routes.js';
import type { KelianModule } from '../../modules/contract.js';
import { WeComExternalContacts } from '../../platforms/wecom/external-contacts.js';
import { corpTagsFeature } from '../external/corp-tags.js';
import { enqueueExternalSync, externalContactsFeature } from '../external/feature.js';
import { customersFeature } from './feature.js';

/**
 * Customers and their contacts, tags and custom fields; WeCom's external contacts (客户联系) and
 * corp tags kept in step with them.
 */
export const customersModule: KelianModule = {
  name: 'customers',
  register(ctx) {
    customersFeature(ctx);
    const externalContacts = () => WeComExternalContacts.of(ctx.platforms.wecomClient());
    externalContactsFeature(externalContacts)(ctx);
    corpTagsFeature(externalContacts)(ctx);
  },
  api: {
    // The grid's routes before /customers/:id, which would take /customers/grid for an id.
    routers: (deps) => [
      customerGridRouter(deps),
      customersRouter(deps),
      externalCustomersRouter(deps),
      mergeCustomersRouter(deps),
      customFieldsRouter(deps),
      tagsRouter(deps),
      viewsRouter(deps),
    ],
    docs: () => [
      ...customersDocs,
      ...externalCustomersDocs,
      ...mergeCustomersDocs,
      ...customFieldsDocs,
      ...tagsDocs,
      ...customerGridDocs,
    ],
  },
  async start({ queue, platforms }) {
    if (platforms.wecomClient()) await enqueueExternalSync(queue);
  },
};
