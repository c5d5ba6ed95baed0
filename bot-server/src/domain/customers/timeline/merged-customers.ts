import { type Customer, CustomerSchema } from '@kelian/orm';
import { present } from '../../access/present.js';
import { rowSource } from './source.js';

/**
 * Customers merged into this one. A merge moves the duplicate to the recycle bin and points it
 * here (mergedIntoId), so the time it went to the bin is the time of the merge.
 */
export const mergedCustomersSource = rowSource<Customer>({
  name: 'merged',
  entity: CustomerSchema,
  column: 'deleted_at',
  where: ({ customer }) => ({ mergedIntoId: customer.id, deletedAt: { $ne: null } }),
  entry(merged, { access }) {
    const { name } = present(access, 'customer', { name: merged.name }, { changeable: false }).values;
    return {
      at: merged.deletedAt!,
      type: 'merge',
      title: name ? `合并了重复客户「${name}」` : '合并了重复客户',
      body: null,
      by: null,
    };
  },
});
