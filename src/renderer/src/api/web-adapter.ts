import type { Api, Result } from '@shared/contract';
import { CHANNELS } from '@shared/contract/channels';

const TOKEN_KEY = 'privacy-workbench.token';

/**
 * In the web host there is no preload: this provides the same `window.api` over fetch. The token
 * comes from the URL the host printed (`#token=…`), is kept for this tab only, and is removed from
 * the address bar so that routing can use the hash.
 */
export function installWebApi(): void {
  if (typeof window.api !== 'undefined') return;
  const match = /(?:^#|&)token=([0-9a-f]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${window.location.pathname}#/`);
  }
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  const call = async (channel: string, input: unknown): Promise<Result<unknown>> => {
    try {
      const response = await fetch(`/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await response.json()) as Result<unknown>;
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', message: `The web host did not answer: ${(error as Error).message}` } };
    }
  };
  window.api = Object.fromEntries(CHANNELS.map((c) => [c, (input: unknown) => call(c, input)])) as unknown as Api;
}
