import type { Api } from '../shared/contract';

declare global {
  interface Window {
    /** Provided by the preload in the desktop app, and by the fetch adapter in the web host. */
    api: Api;
  }
}
export {};
