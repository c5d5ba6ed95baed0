import Taro, { eventCenter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { fetchProfile, type Profile } from '../../services/identity';
import { loadSession } from '../../services/session';
import { bare, type Destination } from './destinations';
import { listenToKeys } from './keys';
import { DESKTOP } from './media';
import { SideNav } from './side-nav';
import './desktop-nav.css';

// The desktop layout's lazy part (h5 only, loaded by services/desktop.h5.ts once the window is
// 1024 px wide): the side navigation beside the pages, and the keyboard. While it is shown the
// root carries `k-desktop`, which hides the tab bar and makes room for it (desktop-nav.css).

interface TaroWindow {
  __taroAppConfig?: { tabBar?: { list: { pagePath: string }[] } };
}

/** The tab bar's pages: those open with switchTab, the others with navigateTo. */
const tabPages = () =>
  new Set((window as TaroWindow).__taroAppConfig?.tabBar?.list.map((tab) => `/${tab.pagePath}`) ?? []);

/** The route shown now, from the hash router's address (`#/pages/x/y?a=b`). */
const routeNow = () => window.location.hash.replace(/^#/, '').split('?')[0] ?? '';

function useWide(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(DESKTOP).matches);
  useEffect(() => {
    const query = window.matchMedia(DESKTOP);
    const changed = () => setWide(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);
  return wide;
}

function go(destination: Destination, route: string) {
  if (route === destination.url) return;
  const { url } = destination;
  void (tabPages().has(url) ? Taro.switchTab({ url }) : Taro.navigateTo({ url }));
}

function DesktopNav() {
  const wide = useWide();
  const [route, setRoute] = useState(routeNow);
  const [profile, setProfile] = useState<Profile | null>(null);
  const session = loadSession();
  const token = session?.token;

  useEffect(() => {
    const changed = ({ toLocation }: { toLocation: { path: string } }) => setRoute(toLocation.path);
    eventCenter.on('__taroRouterChange', changed);
    return () => void eventCenter.off('__taroRouterChange', changed);
  }, []);

  // Whether 管理后台 shows: asked again for each new session (another person signed in).
  useEffect(() => {
    setProfile(null);
    if (!token) return;
    let current = true;
    fetchProfile().then(
      (me) => current && setProfile(me),
      // A 401 already went to 登录; otherwise the navigation simply lacks 管理后台 for now.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [token]);

  const shown = wide && token !== undefined && !bare(route);
  useEffect(() => {
    document.documentElement.classList.toggle('k-desktop', shown);
  }, [shown]);

  if (!shown) return null;
  return (
    <SideNav
      route={route}
      person={profile ?? session?.user ?? null}
      administers={profile?.administers ?? false}
      onGo={(destination) => go(destination, route)}
    />
  );
}

/** Puts the navigation and the keyboard in place; what it returns takes them away again. */
export function mountDesktopNav(): () => void {
  const host = document.createElement('div');
  host.className = 'k-nav-host';
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(<DesktopNav />);
  const stopKeys = listenToKeys();
  return () => {
    stopKeys();
    root.unmount();
    host.remove();
  };
}
