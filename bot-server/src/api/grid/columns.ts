import type { RightObject } from '@kelian/orm';
import type { Access } from '../../domain/access/access.js';
import { ruleOf } from '../../domain/access/field-rules.js';
import type { RuledObject } from '../../domain/access/fields.js';
import { mayAtAll } from '../../domain/access/policy.js';
import { type GridColumn, opsOf } from '../../domain/grid/columns.js';

/**
 * A grid's columns as this viewer may use them: hidden ones left out, each saying whether it sorts,
 * how it filters, whether it is masked and whether the viewer may edit it in place (the field's rule;
 * the owner: the right to reassign `object`). `editRight`: editing fields also takes that right.
 */
export function columnsJson(
  access: Access,
  object: RuledObject & RightObject,
  columns: readonly GridColumn<never>[],
  { editRight = false }: { editRight?: boolean } = {},
) {
  const mayEdit = !editRight || mayAtAll(access, object, 'edit');
  return columns.flatMap((c) => {
    const rule = c.ruledField ? ruleOf(access, object, c.ruledField) : 'editable';
    if (rule === 'hidden') return [];
    return [
      {
        key: c.key,
        label: c.label,
        type: c.type,
        ...(c.options && { options: c.options }),
        sortable: c.order !== undefined,
        filterOps: [...opsOf(c)],
        editable:
          c.edit !== undefined &&
          (c.edit === 'owner' ? mayAtAll(access, object, 'reassign') : mayEdit && rule === 'editable'),
        masked: rule === 'masked',
      },
    ];
  });
}
