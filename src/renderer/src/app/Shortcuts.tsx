import { Button, Group, Kbd, Modal, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconKeyboard } from '@tabler/icons-react';
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { keyCaps, SHORTCUTS, type ShortcutId } from '@shared/shortcuts';
import { neighbourPath, watchRecordLists } from './record-sequence';

export const INTAKE_PATH = '/requests/new';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** The form the user is in: the focused field's, else the open dialog's, else the page's only form. */
function currentForm(): HTMLFormElement | null {
  const active = document.activeElement;
  const own = active instanceof HTMLElement ? active.closest('form') : null;
  if (own) return own;
  const dialogs = document.querySelectorAll('[role="dialog"]');
  const dialog = dialogs[dialogs.length - 1];
  if (dialog) return dialog.querySelector('form');
  const forms = document.querySelectorAll('main form');
  return forms.length === 1 ? (forms[0] as HTMLFormElement) : null;
}

/** The page's search box (every list has one, `type="search"`). */
function searchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('main input[type="search"]');
}

/** Whether the shortcuts overlay is open: one flag, set by the `?` key and by the shell's button. */
const overlay = {
  open: false,
  listeners: new Set<() => void>(),
  set(open: boolean) {
    overlay.open = open;
    overlay.listeners.forEach((l) => l());
  },
  subscribe(listener: () => void) {
    overlay.listeners.add(listener);
    return () => void overlay.listeners.delete(listener);
  },
};

/**
 * Binds every shortcut of the shared table to its handler, anywhere in the workbench, and provides
 * the `?` overlay that lists them. The desktop menu's items arrive as host commands, one per shortcut.
 */
export function Shortcuts() {
  const navigate = useNavigate();
  const location = useLocation();
  const open = useSyncExternalStore(overlay.subscribe, () => overlay.open);

  const handlers = useMemo<Record<ShortcutId, () => void>>(
    () => ({
      // A new history entry each time, so that the intake form starts afresh even from its own "saved" screen.
      newRequest: () => {
        overlay.set(false);
        navigate(INTAKE_PATH, { state: { fresh: Date.now() } });
      },
      search: () => {
        const field = searchField();
        field?.focus();
        field?.select();
      },
      save: () => currentForm()?.requestSubmit(),
      nextRecord: () => void neighbourPath(location.pathname, 1).then((p) => p && navigate(p)),
      previousRecord: () => void neighbourPath(location.pathname, -1).then((p) => p && navigate(p)),
      help: () => overlay.set(!overlay.open),
    }),
    [navigate, location.pathname],
  );

  const bind = (inFields: boolean) =>
    SHORTCUTS.filter((s) => s.inFields === inFields).flatMap((s) => s.keys.map((k) => [k, handlers[s.id]] as [string, () => void]));
  useHotkeys(bind(true), []);
  useHotkeys(bind(false));

  useEffect(() => watchRecordLists(), []);
  useEffect(
    () =>
      // The desktop menu's items send the shortcut they stand for: the same handler as the keys.
      window.hostEvents?.onCommand((command) => handlers[command]?.()),
    [handlers],
  );

  return <ShortcutsOverlay opened={open} onClose={() => overlay.set(false)} />;
}

/** The list of shortcuts, as a dialog. */
function ShortcutsOverlay({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('common:shortcuts.title')} size="lg">
      <Table>
        <Table.Caption>{t('common:shortcuts.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('common:shortcuts.keys')}</Table.Th>
            <Table.Th>{t('common:shortcuts.action')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.id} data-shortcut={s.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {s.keys.map((k, i) => (
                    <Group key={k} gap={2} wrap="nowrap">
                      {i > 0 && <Text size="sm">{t('common:shortcuts.or')}</Text>}
                      {keyCaps(k, isMac).map((cap) => (
                        <Kbd key={cap}>{cap}</Kbd>
                      ))}
                    </Group>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{t(s.label)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed" mt="md">
        {t('common:shortcuts.hint')}
      </Text>
    </Modal>
  );
}

/** The shell's visible way to the overlay. */
export function ShortcutsButton() {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" color="gray" size="xs" leftSection={<IconKeyboard size={16} aria-hidden />} onClick={() => overlay.set(true)} aria-keyshortcuts="Shift+?">
      {t('common:shortcuts.button')}
    </Button>
  );
}
