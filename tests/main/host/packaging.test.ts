import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The installer configuration, read as the text electron-builder reads (one `key: value` a line). */
const ROOT = resolve(__dirname, '../../..');
const config = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
const value = (key: string) => [...config.matchAll(new RegExp(`^\\s*${key}:\\s*(.+)$`, 'gm'))].map((m) => m[1]!.trim());

describe('the installers’ configuration', () => {
  it('names icons that exist, the PNG at least 512 × 512 as macOS and Linux need', () => {
    const icons = value('icon');
    expect(icons.length).toBeGreaterThanOrEqual(3);
    for (const icon of icons) expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    const png = readFileSync(join(ROOT, 'resources/icon.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect(readFileSync(join(ROOT, 'resources/icon.ico')).readUInt16BE(0)).toBe(0);
  });

  it('flips the fuses that close the doors an attacker on the machine would use', () => {
    const fuses = Object.fromEntries(
      ['runAsNode', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments', 'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'enableCookieEncryption'].map(
        (fuse) => [fuse, value(fuse)[0]],
      ),
    );
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
      enableCookieEncryption: 'true',
    });
  });

  it('never updates itself, unpacks better-sqlite3 and leaves the development build out', () => {
    expect(value('publish')).toEqual(['null']);
    expect(config).toMatch(/asarUnpack:\n\s+- node_modules\/better-sqlite3\/\*\*/);
    expect(config).toContain("'!node_modules/.electron-native{,/**}'");
    expect(value('npmRebuild')).toEqual(['false']);
    expect(existsSync(join(ROOT, value('afterPack')[0]!))).toBe(true);
  });
});
