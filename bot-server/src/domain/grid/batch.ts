// A change to many rows at once, from a grid's selection, whatever the rows: each row the user may
// change this way changes, each other row is named in the answer with the reason, unchanged.

export interface BatchOutcome<R> {
  /** The rows that now are as asked (some may have been so already). */
  changed: number[];
  /** The rows left as they were: `row` is absent when the user cannot see it at all. */
  skipped: { id: number; row?: R; reason: string }[];
}

/**
 * The asked ids (each once, in the order asked) sorted into the rows to change and those skipped:
 * an id among the `visible` rows is changed unless `refusalOf` gives a reason; any other is named
 * with `invisible`, whether it does not exist or lies outside the user's scope.
 */
export function sortOut<R extends { id: number }>(
  ids: readonly number[],
  visible: readonly R[],
  refusalOf: (row: R) => string | undefined,
  invisible: string,
): { rows: R[]; outcome: BatchOutcome<R> } {
  const byId = new Map(visible.map((r) => [r.id, r]));
  const rows: R[] = [];
  const outcome: BatchOutcome<R> = { changed: [], skipped: [] };
  for (const id of new Set(ids)) {
    const row = byId.get(id);
    const reason = row ? refusalOf(row) : invisible;
    if (row && reason === undefined) rows.push(row);
    else outcome.skipped.push({ id, ...(row && { row }), reason: reason ?? invisible });
  }
  return { rows, outcome };
}
