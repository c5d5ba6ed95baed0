import { type SavedView, type SavedViewObject, SavedViewSchema } from '@kelian/orm';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Acting } from '../access/acting.js';
import { NotVisibleError, RefusedError } from '../access/errors.js';
import { customerGridColumns, type GridColumn } from '../customers/grid/columns.js';
import { columnFor, filterCondition, type GridFilter } from '../customers/grid/filters.js';
import { sortOf } from '../customers/grid/grid.js';
import { dealGridColumns } from '../sales/grid/columns.js';
import { dealFilterCondition } from '../sales/grid/filters.js';

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

/** Each grid's columns and how it takes a filter, to check a view against. */
const checkOf: Record<SavedViewObject, (em: EntityManager, input: ViewInput) => Promise<void>> = {
  customers: async (em, input) => refuseInvalidFor(await customerGridColumns(em), filterCondition, input),
  deals: async (em, input) => refuseInvalidFor(await dealGridColumns(em), dealFilterCondition, input),
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
const refuseInvalid = (em: EntityManager, object: SavedViewObject, input: ViewInput) =>
  checkOf[object](em, input);

function refuseInvalidFor<C extends Pick<GridColumn, 'key' | 'label'> & { order?: object }>(
  columns: readonly C[],
  condition: (column: C, filter: GridFilter) => unknown,
  input: ViewInput,
) {
  for (const key of input.columns) columnFor(columns, key);
  sortOf(columns, input.sort);
  for (const filter of input.filters) condition(columnFor(columns, filter.column), filter);
}
