import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../src/shared/i18n';
import { menuItemId, menuItems, menuModel, menuTemplate, type MenuAction } from '../../../src/main/menu';
import { acceleratorOf, keyCaps, SHORTCUTS } from '../../../src/shared/shortcuts';
import { HOST_COMMANDS } from '../../../src/shared/contract/host-commands';

const labels = (platform: NodeJS.Platform, language: 'en' | 'zh-CN') =>
  menuItems(menuModel(translatorFor(language), { platform, isDev: false }))
    .map((item) => item.label)
    .filter((label): label is string => typeof label === 'string');

describe('the application menu', () => {
  it('speaks the register’s language, with no key left untranslated', () => {
    expect(labels('linux', 'en')).toEqual(
      expect.arrayContaining(['File', 'New Request…', 'Save', 'Go', 'Search', 'Next Record', 'Previous Record', 'Help', 'Keyboard Shortcuts', 'About Privacy Workbench']),
    );
    expect(labels('linux', 'zh-CN')).toEqual(
      expect.arrayContaining(['文件', '登记请求…', '保存', '转到', '搜索', '下一条记录', '上一条记录', '帮助', '键盘快捷键', '关于隐私合规工作台']),
    );
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
    expect(newRequest?.action).toEqual({ send: 'newRequest' });
    expect(items.find((item) => item.id === 'about')?.action).toEqual({ about: true });

    const ran: MenuAction[] = [];
    const template = menuTemplate(menuModel(translatorFor('en'), { platform: 'linux', isDev: false }), (a) => ran.push(a));
    const bound = template.flatMap((entry) => (Array.isArray(entry.submenu) ? entry.submenu : []));
    const click = (id: string) => (bound.find((item) => item.id === id)?.click as (() => void) | undefined)?.();
    click('new-request');
    click('about');
    expect(ran).toEqual([{ send: 'newRequest' }, { about: true }]);
    // Items without an action (roles) get no click handler of ours.
    expect(bound.filter((item) => item.role).every((item) => item.click === undefined)).toBe(true);
  });

  it('has one item per keyboard shortcut, with the keys the ? overlay lists and the handler the keys run', () => {
    const items = menuItems(menuModel(translatorFor('en'), { platform: 'win32', isDev: false }));
    for (const shortcut of SHORTCUTS) {
      const found = items.filter((item) => item.id === menuItemId(shortcut.id));
      expect(found, shortcut.id).toHaveLength(1);
      const item = found[0]!;
      // The accelerator is one of the keys the renderer binds and the overlay shows…
      expect(shortcut.keys.map(acceleratorOf)).toContain(item.accelerator);
      const key = shortcut.keys.find((k) => acceleratorOf(k) === item.accelerator)!;
      expect(keyCaps(key, false).length).toBe(String(item.accelerator).split('+').length);
      // …and choosing the item sends the shortcut's own command, which the preload lets through.
      expect(item.action).toEqual({ send: shortcut.id });
      expect(HOST_COMMANDS).toContain(shortcut.id);
      // Keys that do nothing in a text field are not taken from it by the menu.
      expect(item.registerAccelerator).toBe(shortcut.inFields ? undefined : false);
    }
    // The four: intake, search, save, next and previous record.
    const accelerator = (id: string) => items.find((item) => item.id === id)?.accelerator;
    expect(accelerator('new-request')).toBe('CmdOrCtrl+Shift+N');
    expect(accelerator('search')).toBe('CmdOrCtrl+K');
    expect(accelerator('save')).toBe('CmdOrCtrl+Enter');
    expect(accelerator('next-record')).toBe('CmdOrCtrl+Shift+Down');
    expect(accelerator('previous-record')).toBe('CmdOrCtrl+Shift+Up');
    // A menu shows one set of keys: the shortcuts list's Ctrl+/ rather than a bare ?, which typing would trigger.
    expect(accelerator('help')).toBe('CmdOrCtrl+/');
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
