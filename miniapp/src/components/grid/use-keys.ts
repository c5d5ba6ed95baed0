import { useEffect, useRef } from 'react';

// The keyboard of the grid in the h5 build (the desktop clients' window): keys reach the page's
// document. The mini-programs have neither keyboard nor document: there this does nothing.

const hasDocument = process.env.TARO_ENV === 'h5' && typeof document !== 'undefined';

/** Calls `onKey` for each key pressed while the page is open; tells whether Shift is held. */
export function useKeys(onKey: (event: KeyboardEvent) => void) {
  const shift = useRef(false);
  const handler = useRef(onKey);
  handler.current = onKey;
  useEffect(() => {
    if (!hasDocument) return;
    const down = (e: KeyboardEvent) => {
      shift.current = e.shiftKey;
      if (gridOnScreen()) handler.current(e);
    };
    const up = (e: KeyboardEvent) => {
      shift.current = e.shiftKey;
    };
    // Capturing: the h5 input component keeps Enter and Esc to itself once they reach it.
    document.addEventListener('keydown', down, true);
    document.addEventListener('keyup', up, true);
    return () => {
      document.removeEventListener('keydown', down, true);
      document.removeEventListener('keyup', up, true);
    };
  }, []);
  return shift;
}

/** h5 keeps a page that opened another one, hidden: its grid must not take the other page's keys. */
const gridOnScreen = () =>
  [...document.querySelectorAll<HTMLElement>('.k-grid')].some((grid) => grid.offsetParent !== null);

/** Whether the key was typed into a text field other than the grid's own cell editor. */
export const typedElsewhere = (event: KeyboardEvent) => {
  const target = event.target as HTMLElement | null;
  const field = target?.closest?.('input, textarea');
  return Boolean(field && !field.closest('.k-grid__editor'));
};

/** Whether the window is wide enough for the grid (the desktop clients; a phone gets a list). */
export function isWide(): boolean {
  return hasDocument && window.innerWidth >= 1024;
}
