/** What every renderer needs from the deployment. */
export interface RenderOptions {
  /** Base URL of the mini-app's H5 build, e.g. `https://crm.example.com/app`; card paths are appended. */
  appBaseUrl: string;
}
