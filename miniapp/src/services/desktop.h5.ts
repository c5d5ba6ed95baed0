// h5 only (see desktop.ts). The desktop layout's code is a lazy chunk, fetched the first time the
// window is 1024 px wide (a desktop client's window, a browser): phones never download it.
import { DESKTOP } from '../components/desktop-nav/media';

export function startDesktop(): void {
  const wide = window.matchMedia(DESKTOP);
  const load = () => {
    if (!wide.matches) return;
    wide.removeEventListener('change', load);
    void import('../components/desktop-nav/mount').then(({ mountDesktopNav }) => mountDesktopNav());
  };
  wide.addEventListener('change', load);
  load();
}
