import { type SavedView, type SavedViewObject, SavedViewSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { customerGridColumns } from '../customers/grid/columns.js';
import type { GridColumn } from '../grid/columns.js';
import { columnFor, filterCondition, type GridFilter } from '../grid/filters.js';
import { sortOf } from '../grid/page.js';
import { leadGridColumns } from '../leads/grid-columns.js';
import { dealGridColumns } from '../sales/grid/columns.js';

// Each person's saved views of a grid: theirs alone (another person's view is "not found", like
// one that does not exist). A view is checked against the grid's columns when saved, so opening it
// later cannot fail on a column or a filter that never existed; a custom field deleted since
// then is refused when the view is used, by the grid itself.

export interface ViewInput {
  name: string;
  columns: string[];
  sort: string;
  filters: GridFilter[];
}

const columnsOf: Record<SavedViewObject, (em: EntityManager) => Promise<GridColumn<never>[]>> = {
  customers: customerGridColumns,
  leads: leadGridColumns,
  deals: dealGridColumns,
};

export const listViews = (em: EntityManager, acting: Acting, object: SavedViewObject) =>
  em.find(SavedViewSchema, { user: acting.user.id, object }, { orderBy: { name: 'asc', id: 'asc' } });

export async function createView(
  em: EntityManager,
  acting: Acting,
  object: SavedViewObject,
  input: ViewInput,
): Promise<SavedView> {
  await refuseInvalid(em, object, input);
  return em.transactional(async (tx) => {
    await refuseTakenName(tx, acting, object, input.name);
    const view = tx.create(SavedViewSchema, { user: acting.user.id, object, ...input });
    await tx.flush();
    return view;
  });
}

export async function updateView(
  em: EntityManager,
  acting: Acting,
  id: number,
  patch: Partial<ViewInput>,
): Promise<SavedView> {
  return em.transactional(async (tx) => {
    const view = await viewFor(tx, acting, id);
    await refuseInvalid(tx, view.object, { ...view, ...patch });
    if (patch.name !== undefined && patch.name !== view.name)
      await refuseTakenName(tx, acting, view.object, patch.name);
    tx.assign(view, patch);
    await tx.flush();
    return view;
  });
}

export async function deleteView(em: EntityManager, acting: Acting, id: number): Promise<void> {
  await em.transactional(async (tx) => tx.remove(await viewFor(tx, acting, id)).flush());
}

async function viewFor(em: EntityManager, acting: Acting, id: number): Promise<SavedView> {
  const view = await em.findOne(SavedViewSchema, { id, user: acting.user.id });
  if (!view) throw new NotVisibleError('view');
  return view;
}

async function refuseTakenName(em: EntityManager, acting: Acting, object: SavedViewObject, name: string) {
  if (await em.count(SavedViewSchema, { user: acting.user.id, object, name }))
    throw new RefusedError('view-name-taken', { name });
}

/** Every column, the sort and each filter must be the grid's own, as the grid would take them. */
async function refuseInvalid(em: EntityManager, object: SavedViewObject, input: ViewInput) {
  const columns = await columnsOf[object](em);
  for (const key of input.columns) columnFor(columns, key);
  sortOf(columns, input.sort);
  for (const filter of input.filters) filterCondition(columnFor(columns, filter.column), filter);
}
