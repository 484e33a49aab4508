import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Screen } from 'electron';
import { describe, expect, it } from 'vitest';
import { loadWindowState } from '../../../src/main/window-state';

/** The displays connected now: only what loadWindowState reads of Electron's screen. */
const displays = (...workAreas: { x: number; y: number; width: number; height: number }[]) =>
  ({ getAllDisplays: () => workAreas.map((workArea) => ({ workArea })) }) as unknown as Screen;

function saved(state: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pw-window-')), 'window-state.json');
  writeFileSync(file, typeof state === 'string' ? state : JSON.stringify(state));
  return file;
}

describe('the window’s last place', () => {
  const laptop = { x: 0, y: 0, width: 1440, height: 900 };
  const monitor = { x: 1440, y: 0, width: 2560, height: 1440 };
  const onMonitor = { bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true };

  it('is restored on a display that is still connected', () => {
    expect(loadWindowState(saved(onMonitor), displays(laptop, monitor))).toEqual({ ...onMonitor, centre: false });
  });

  it('is dropped, centred at the default size, when that display is gone', () => {
    const state = loadWindowState(saved(onMonitor), displays(laptop));
    expect(state.centre).toBe(true);
    expect(state.maximized).toBe(false);
    expect(state.bounds).toMatchObject({ width: 1280, height: 820 });
  });

  it('ignores a damaged or absurd state file', () => {
    expect(loadWindowState(saved('{not json'), displays(laptop)).centre).toBe(true);
    expect(loadWindowState(saved({ bounds: { x: 0, y: 0, width: 20, height: 20 }, maximized: false }), displays(laptop)).centre).toBe(true);
    expect(loadWindowState(join(tmpdir(), 'pw-no-such-file.json'), displays(laptop)).centre).toBe(true);
  });
});
