import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { detectClient } from './services/client';
import { startDesktop } from './services/desktop';
import { tidyLandingUrl } from './services/sdk';
import { loadSession } from './services/session';
// NutUI styles once for the whole app (a page importing them would repeat them in every page chunk).
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/skeleton/style/css';
import './app.css';

// Runs when the app module loads, before Taro's router reads the address.
tidyLandingUrl();

export default function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    startDesktop();
    // Inside WeCom, a reopened h5 page with a live session registers the JS-SDK again (the login
    // code is loaded only there, so it stays out of everyone else's first page).
    if (process.env.TARO_ENV === 'h5' && detectClient() === 'wecom' && loadSession()) {
      void import('./services/login').then(({ connectWeComSdk }) => connectWeComSdk());
    }
  });
  return children;
}
