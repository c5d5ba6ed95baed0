/** The absolute URL of a mini-app path; without a path, the mini-app's home is the fallback. */
export function appUrl(appBaseUrl: string, path?: string): string {
  return `${appBaseUrl.replace(/\/+$/, '')}${path ?? '/'}`;
}
