import type { BatchOutcome } from '../../domain/grid/batch.js';

/**
 * A batch's outcome as every grid answers it: the changed ids, and each skipped row with the reason
 * and its name as the viewer may see it (`nameOf`: none for a row they cannot see or a hidden name).
 */
export const outcomeJson = <R>(outcome: BatchOutcome<R>, nameOf: (row: R) => string | undefined) => ({
  changed: outcome.changed,
  skipped: outcome.skipped.map(({ id, row, reason }) => {
    const name = row && nameOf(row);
    return { id, ...(name !== undefined && { name }), reason };
  }),
});
