// NutUI's icons one by one, by their own modules (side-nav.tsx), typed as the package's index types them.
declare module '@nutui/icons-react-taro/dist/es/icons/*.js' {
  import type { Home } from '@nutui/icons-react-taro';

  const Icon: typeof Home;
  export default Icon;
}
