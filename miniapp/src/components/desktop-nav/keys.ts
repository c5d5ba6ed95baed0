// The keyboard on a desktop (h5, installed with the side navigation):
// - Esc closes the dialog on top: Taro's modal (as 取消, or its only button), else NutUI's popup
//   (its close button, or its overlay), as a tap there would;
// - Enter in a single-line field of a form marked `k-keyform` presses its `k-keyform__submit`
//   button, as does Ctrl+Enter (⌘+Enter) in its text boxes, where Enter starts a new line; not
//   while an input method is composing (Enter then picks the Chinese characters);
// - Tab reaches the buttons too, in the page's order, and Enter or Space presses the one focused:
//   Taro's h5 buttons are custom elements, outside the tab order until given a tabindex.

const shown = (el: Element | null): el is HTMLElement =>
  el instanceof HTMLElement && el.getClientRects().length > 0;

function closeTopDialog(): boolean {
  const modal = [...document.querySelectorAll('.taro__modal')].find(shown);
  if (modal) {
    const cancel = modal.querySelector('.taro-model__cancel');
    (shown(cancel) ? cancel : modal.querySelector<HTMLElement>('.taro-model__confirm'))?.click();
    return true;
  }
  const popup = [...document.querySelectorAll('.nut-popup')].filter(shown).pop();
  if (!popup) return false;
  const close = popup.querySelector('.nut-popup-title-right');
  const overlay = [...document.querySelectorAll('.nut-overlay')].filter(shown).pop();
  (shown(close) ? close : overlay)?.click();
  return true;
}

function submitForm(event: KeyboardEvent): boolean {
  const field = event.target;
  const single = field instanceof HTMLInputElement;
  const text = field instanceof HTMLTextAreaElement && (event.ctrlKey || event.metaKey);
  if (!(single || text) || event.isComposing || event.keyCode === 229) return false;
  const button = field.closest('.k-keyform')?.querySelector('.k-keyform__submit');
  if (!(button instanceof HTMLElement)) return false;
  button.click();
  return true;
}

const BUTTON = 'taro-button-core';

function pressButton(event: KeyboardEvent): boolean {
  const button = event.target;
  if (!(button instanceof HTMLElement) || !button.matches(BUTTON)) return false;
  button.click();
  return true;
}

function onKey(event: KeyboardEvent) {
  const handled =
    (event.key === 'Escape' && closeTopDialog()) ||
    (event.key === 'Enter' && submitForm(event)) ||
    ((event.key === 'Enter' || event.key === ' ') && pressButton(event));
  if (handled) event.preventDefault();
}

const reachButtons = () => {
  for (const button of document.querySelectorAll(`${BUTTON}:not([tabindex])`)) {
    button.setAttribute('tabindex', '0');
  }
};

/** On the way down (capture): Taro's h5 fields stop the key's own event and send on one without `key`. */
export function listenToKeys(): () => void {
  document.addEventListener('keydown', onKey, true);
  reachButtons();
  const pages = new MutationObserver(reachButtons);
  pages.observe(document.body, { childList: true, subtree: true });
  return () => {
    document.removeEventListener('keydown', onKey, true);
    pages.disconnect();
  };
}
