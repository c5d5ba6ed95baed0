import { CustomerSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Access } from '../../access/access.js';
import { NotVisibleError } from '../../access/errors.js';
import { type CustomerView, customerView } from '../view.js';

/**
 * The 360° view of the live customer linked to this WeCom external contact (the chat sidebar's
 * question); NotVisibleError when none is linked or it is outside the user's scope, alike.
 */
export async function customerByExternal(
  em: EntityManager,
  access: Access,
  externalUserId: string,
): Promise<CustomerView> {
  const linked = await em.findOne(
    CustomerSchema,
    { wecomExternalUserId: externalUserId, deletedAt: null },
    { fields: ['id'] },
  );
  if (!linked) throw new NotVisibleError('customer');
  return customerView(em, access, linked.id);
}
