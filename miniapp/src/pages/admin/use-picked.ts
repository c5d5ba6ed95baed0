import { useState } from 'react';
import { detailFromTop } from './console-frame';

/** The row a list-and-editor page has open: none, a new one, or a row by its id. */
export const NEW = 'new';
export type Picked = number | typeof NEW | null;

/** Which of `rows` is open in the editor, and opening one (its editor scrolled into view on a phone). */
export function usePicked<T extends { id: number }>(rows: readonly T[] | null | undefined) {
  const [picked, setPicked] = useState<Picked>(null);
  const row = rows?.find((r) => r.id === picked);
  return {
    picked,
    /** The open row; undefined for none or a new one. */
    row,
    editing: picked === NEW || row !== undefined,
    pick(which: Exclude<Picked, null>) {
      setPicked(which);
      detailFromTop();
    },
    /** Keep a row open (after a save) or close the editor (null). */
    setPicked,
  };
}

/** `rows` with `changed` in its place, or added at the end when it is new. */
export function withSaved<T extends { id: number }>(rows: readonly T[], changed: T): T[] {
  return rows.some((r) => r.id === changed.id)
    ? rows.map((r) => (r.id === changed.id ? changed : r))
    : [...rows, changed];
}
