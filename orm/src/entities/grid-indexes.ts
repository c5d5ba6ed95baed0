// The indexes a desktop grid's keyset orders read (bot-server/src/domain/grid/page.ts): rows by an
// order and id, alone or within one owner, level, status or stage, so that a grid's first page is
// read off an index. `live`: only the rows out of the recycle bin, which are all a grid lists.

export function gridIndexes(table: string, orders: string[][], { live }: { live: boolean }) {
  return orders.map((columns) => {
    const name = `${table}_grid_${columns.join('_')}_idx`;
    const list = [...columns, 'id'].map((c) => `"${c}"`).join(', ');
    const where = live ? ' where "deleted_at" is null' : '';
    return { name, expression: `create index "${name}" on "${table}" (${list})${where}` };
  });
}
