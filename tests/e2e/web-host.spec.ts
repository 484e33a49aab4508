import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHost } from './fixtures';

const ROOT = resolve(__dirname, '../..');
const OUT = process.env.PW_OUT_DIR ?? 'out';
const test = base;

test('the web host prints one READY line, and refuses calls without the right token', async () => {
  const host = await startHost({ template: 'empty' });
  try {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
    const origin = new URL(host.url).origin;
    const noToken = await fetch(`${origin}/api/categories:list`, { method: 'POST', body: '{}' });
    expect(noToken.status).toBe(401);
    expect(JSON.stringify(await noToken.json())).not.toContain('items');
    const wrong = await fetch(`${origin}/api/categories:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${'0'.repeat(48)}` },
      body: '{}',
    });
    expect(wrong.status).toBe(401);
    const right = await host.api<{ total: number }>('categories:list', {});
    expect(right).toMatchObject({ ok: true, value: { total: 0 } });
    const notJson = await fetch(`${origin}/api/categories:list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}` },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
  } finally {
    await host.stop();
  }
});

test('SIGTERM closes the register cleanly, and --template never touches an existing register', async () => {
  const first = await startHost({ template: 'sample' });
  const created = await first.api<{ total: number }>('categories:list', {});
  expect(created.value?.total).toBe(13);
  await first.api('settings:update', { organisationName: '我们自己的组织' });
  expect(await first.stop()).toBe(0);
  // A clean close checkpoints the write-ahead log into the database file.
  const wal = `${first.dbPath}-wal`;
  expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);

  const again = await startHost({ dbPath: first.dbPath, template: 'empty' });
  try {
    const info = await again.api<{ organisationName: string; needsSetup: boolean }>('app:info', {});
    expect(info.value).toMatchObject({ organisationName: '我们自己的组织', needsSetup: false });
    expect((await again.api<{ total: number }>('categories:list', {})).value?.total).toBe(13);
  } finally {
    await again.stop();
  }
});

test('the command line explains itself and refuses unknown commands with exit code 2', () => {
  const cli = join(ROOT, OUT, 'main/cli.js');
  const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('Usage: npm run cli -- <command> [options]');
  const unknown = spawnSync(process.execPath, [cli, 'frobnicate'], { encoding: 'utf8' });
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('Unknown command: frobnicate');
});
