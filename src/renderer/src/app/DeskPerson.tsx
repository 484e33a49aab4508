import { Button, Group, Stack, Text } from '@mantine/core';
import { Select } from '../components/Select';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '@shared/domain/people';
import { useWrite } from '../api/hooks';
import { notifyError } from '../components/notify';

/**
 * The header's word on who is acting: in team mode the signed-in person and a sign-out button; in
 * single-user mode with people named, the picker of who is at the desk (their role applies).
 */
export function DeskPerson({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const pick = useWrite('session:pick');
  const signOut = useWrite('session:signOut');
  if (session.signInRequired && session.person) {
    return (
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {t('people:desk.label')}
          </Text>
          <Text size="sm" fw={500} data-testid="signed-in-as">
            {t('people:desk.signedInAs', { name: session.person.displayName, role: t(`people:roles.${session.person.role}`) })}
          </Text>
        </Stack>
        <Button size="xs" variant="default" onClick={() => signOut.mutate({})}>
          {t('people:signIn.signOut')}
        </Button>
      </Group>
    );
  }
  if (session.signInRequired || session.people.length === 0) return null;
  const SYSTEM = 'system';
  return (
    <Select
      label={t('people:desk.label')}
      size="xs"
      w={230}
      allowDeselect={false}
      data={[
        { value: SYSTEM, label: t('people:desk.system') },
        ...session.people.map((p) => ({ value: String(p.id), label: `${p.displayName} · ${t(`people:roles.${p.role}`)}` })),
      ]}
      value={session.person ? String(session.person.id) : SYSTEM}
      onChange={(v) => v && pick.mutate({ personId: v === SYSTEM ? null : Number(v) }, { onError: (e) => notifyError(t, e) })}
    />
  );
}
