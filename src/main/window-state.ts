import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { BrowserWindow, Rectangle, Screen } from 'electron';

export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
}

const DEFAULT_STATE: WindowState = { bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false };

function intersects(a: Rectangle, b: Rectangle): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The saved size and position, if they still fall on a connected display; otherwise a centred default. */
export function loadWindowState(file: string, screen: Screen): WindowState & { centre: boolean } {
  try {
    if (existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as WindowState;
      const onScreen = screen.getAllDisplays().some((d) => intersects(d.workArea, saved.bounds));
      if (onScreen && saved.bounds.width >= 640 && saved.bounds.height >= 480) return { ...saved, centre: false };
    }
  } catch {
    // A damaged state file is not worth an error: start centred.
  }
  return { ...DEFAULT_STATE, centre: true };
}

export function trackWindowState(win: BrowserWindow, file: string): void {
  const save = () => {
    if (win.isDestroyed()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      writeFileSync(file, JSON.stringify(state));
    } catch {
      // The window still closes if the user-data folder is read-only.
    }
  };
  win.on('close', save);
}
