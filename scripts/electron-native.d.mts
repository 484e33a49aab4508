export const ROOT: string;
export function electronVersion(root?: string): string | null;
export function electronRuntime(root?: string, env?: NodeJS.ProcessEnv): string | null;
export type NativeResult = { ok: true; path: string; how: 'ready' | 'prebuilt' | 'built from source' } | { ok: false; reason: string };
export function ensureElectronNative(options?: {
  root?: string;
  force?: boolean;
  platform?: NodeJS.Platform;
  arch?: string;
  log?: (message: string) => void;
}): NativeResult;
