import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../src/shared/i18n';
import { menuItems, menuModel, menuTemplate, type MenuAction } from '../../../src/main/menu';

const labels = (platform: NodeJS.Platform, language: 'en' | 'zh-CN') =>
  menuItems(menuModel(translatorFor(language), { platform, isDev: false }))
    .map((item) => item.label)
    .filter((label): label is string => typeof label === 'string');

describe('the application menu', () => {
  it('speaks the register’s language, with no key left untranslated', () => {
    expect(labels('linux', 'en')).toEqual(expect.arrayContaining(['File', 'New Request…', 'Help', 'About Privacy Workbench']));
    expect(labels('linux', 'zh-CN')).toEqual(expect.arrayContaining(['文件', '登记请求…', '帮助', '关于隐私合规工作台']));
    for (const language of ['en', 'zh-CN'] as const) {
      for (const label of labels('win32', language)) expect(label).not.toMatch(/desktop:|menu\./);
    }
    // Neither language leaks into the other.
    for (const label of labels('linux', 'zh-CN')) expect(label).not.toMatch(/New Request|About/);
    for (const label of labels('linux', 'en')) expect(label).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('sends the new-request command on Ctrl/Cmd+Shift+N, and About opens the about box', () => {
    const items = menuItems(menuModel(translatorFor('en'), { platform: 'linux', isDev: false }));
    const newRequest = items.find((item) => item.id === 'new-request');
    expect(newRequest?.accelerator).toBe('CmdOrCtrl+Shift+N');
    expect(newRequest?.action).toEqual({ send: 'new-request' });
    expect(items.find((item) => item.id === 'about')?.action).toEqual({ about: true });

    const ran: MenuAction[] = [];
    const template = menuTemplate(menuModel(translatorFor('en'), { platform: 'linux', isDev: false }), (a) => ran.push(a));
    const bound = template.flatMap((entry) => (Array.isArray(entry.submenu) ? entry.submenu : []));
    const click = (id: string) => (bound.find((item) => item.id === id)?.click as (() => void) | undefined)?.();
    click('new-request');
    click('about');
    expect(ran).toEqual([{ send: 'new-request' }, { about: true }]);
    // Items without an action (roles) get no click handler of ours.
    expect(bound.filter((item) => item.role).every((item) => item.click === undefined)).toBe(true);
  });

  it('follows each platform’s conventions, with developer tools only in development', () => {
    const roles = (platform: NodeJS.Platform, isDev: boolean) =>
      menuItems(menuModel(translatorFor('en'), { platform, isDev })).map((item) => item.role).filter(Boolean);
    expect(roles('darwin', false)).toEqual(expect.arrayContaining(['appMenu', 'close']));
    expect(roles('darwin', false)).not.toContain('quit');
    expect(roles('win32', false)).toContain('quit');
    expect(roles('win32', false)).not.toContain('appMenu');
    expect(roles('linux', false)).not.toContain('toggleDevTools');
    expect(roles('linux', true)).toContain('toggleDevTools');
  });
});
