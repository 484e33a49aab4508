import { Alert, Badge, Button, Checkbox, Fieldset, Group, Modal, PasswordInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { Select } from '../../components/Select';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Person, type Role } from '@shared/domain/people';
import { useCall, useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { notifySuccess } from '../../components/notify';
import { useSession } from '../../app/session';

type Dialog = { kind: 'add' } | { kind: 'edit'; person: Person } | { kind: 'password'; person: Person } | null;

/** Settings → People: who uses this register and with which role (officer only; every change audited). */
export function People() {
  const { t } = useTranslation();
  const people = useCall('people:list', {});
  const session = useSession();
  const [dialog, setDialog] = useState<Dialog>(null);
  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`people:roleLabels.${r}`) }));
  const close = () => setDialog(null);
  return (
    <Fieldset legend={t('people:title')} id="people">
      <Stack>
        <Text size="sm">{t('people:intro')}</Text>
        <Text size="sm" fw={500} data-testid="people-mode">
          {session?.signInRequired ? t('people:teamMode') : t('people:singleMode')}
        </Text>
        {people.data && people.data.length > 0 ? (
          <Table striped aria-label={t('people:title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('people:columns.displayName')}</Table.Th>
                <Table.Th>{t('people:columns.signInName')}</Table.Th>
                <Table.Th>{t('people:columns.role')}</Table.Th>
                <Table.Th>{t('people:columns.state')}</Table.Th>
                <Table.Th>{t('people:columns.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.displayName}</Table.Td>
                  <Table.Td>
                    <code>{p.signInName}</code>
                  </Table.Td>
                  <Table.Td>{t(`people:roleLabels.${p.role}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="light" color={p.disabled ? 'gray' : 'teal'}>
                        {t(p.disabled ? 'people:state.disabled' : 'people:state.enabled')}
                      </Badge>
                      {!p.hasPassword && (
                        <Badge variant="light" color="gray">
                          {t('people:state.noPassword')}
                        </Badge>
                      )}
                      {p.lockedUntil && (
                        <Badge variant="light" color="red">
                          {t('people:state.locked')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="light" onClick={() => setDialog({ kind: 'edit', person: p })} aria-label={`${t('people:actions.edit')}: ${p.displayName}`}>
                        {t('people:actions.edit')}
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setDialog({ kind: 'password', person: p })} aria-label={`${t('people:actions.resetPassword')}: ${p.displayName}`}>
                        {t('people:actions.resetPassword')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {t('people:none', { actor: session?.actor ?? '' })}
          </Text>
        )}
        <Group>
          <Button variant="light" onClick={() => setDialog({ kind: 'add' })}>
            {t('people:actions.add')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={dialog?.kind === 'add'} onClose={close} title={t('people:addTitle')}>
        {dialog?.kind === 'add' && <AddPerson roleOptions={roleOptions} onDone={close} />}
      </Modal>
      <Modal opened={dialog?.kind === 'edit'} onClose={close} title={dialog?.kind === 'edit' ? t('people:editTitle', { name: dialog.person.displayName }) : ''}>
        {dialog?.kind === 'edit' && <EditPerson person={dialog.person} roleOptions={roleOptions} onDone={close} />}
      </Modal>
      <Modal opened={dialog?.kind === 'password'} onClose={close} title={dialog?.kind === 'password' ? t('people:resetTitle', { name: dialog.person.displayName }) : ''}>
        {dialog?.kind === 'password' && <ResetPassword person={dialog.person} onDone={close} />}
      </Modal>
    </Fieldset>
  );
}

const fieldError = (error: Error | null, field: string) => (error instanceof ApiError ? error.fieldErrors[field] : undefined);

function Refusal({ error }: { error: Error | null }) {
  if (!error || (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0)) return null;
  return (
    <Alert color="red" role="alert">
      {error.message}
    </Alert>
  );
}

function AddPerson({ roleOptions, onDone }: { roleOptions: { value: Role; label: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useWrite('people:create');
  const [values, setValues] = useState({ displayName: '', signInName: '', role: 'desk' as Role, password: '', seesContacts: false });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(values, { onSuccess: () => (notifySuccess(t('people:saved')), onDone()) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Refusal error={create.error} />
        <TextInput label={t('people:fields.displayName')} required value={values.displayName} error={fieldError(create.error, 'displayName')} onChange={(e) => setValues({ ...values, displayName: e.currentTarget.value })} />
        <TextInput label={t('people:fields.signInName')} required value={values.signInName} error={fieldError(create.error, 'signInName')} onChange={(e) => setValues({ ...values, signInName: e.currentTarget.value })} />
        <Select label={t('people:fields.role')} data={roleOptions} allowDeselect={false} value={values.role} description={t(`people:roleHints.${values.role}`)} onChange={(v) => v && setValues({ ...values, role: v as Role })} />
        <PasswordInput
          label={t('people:fields.password')}
          description={t('people:fields.passwordHint')}
          autoComplete="new-password"
          value={values.password}
          error={fieldError(create.error, 'password')}
          onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
        />
        {values.role === 'viewer' && <Checkbox label={t('people:fields.seesContacts')} checked={values.seesContacts} onChange={(e) => setValues({ ...values, seesContacts: e.currentTarget.checked })} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('people:actions.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('people:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditPerson({ person, roleOptions, onDone }: { person: Person; roleOptions: { value: Role; label: string }[]; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useWrite('people:update');
  const [values, setValues] = useState({ displayName: person.displayName, role: person.role, seesContacts: person.seesContacts, disabled: person.disabled });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ id: person.id, revision: person.revision, ...values }, { onSuccess: () => (notifySuccess(t('people:saved')), onDone()) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Refusal error={update.error} />
        <TextInput label={t('people:fields.displayName')} required value={values.displayName} error={fieldError(update.error, 'displayName')} onChange={(e) => setValues({ ...values, displayName: e.currentTarget.value })} />
        <Select label={t('people:fields.role')} data={roleOptions} allowDeselect={false} value={values.role} description={t(`people:roleHints.${values.role}`)} onChange={(v) => v && setValues({ ...values, role: v as Role })} />
        {values.role === 'viewer' && <Checkbox label={t('people:fields.seesContacts')} checked={values.seesContacts} onChange={(e) => setValues({ ...values, seesContacts: e.currentTarget.checked })} />}
        <Checkbox label={t('people:fields.disabled')} checked={values.disabled} onChange={(e) => setValues({ ...values, disabled: e.currentTarget.checked })} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('people:actions.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('people:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResetPassword({ person, onDone }: { person: Person; onDone: () => void }) {
  const { t } = useTranslation();
  const reset = useWrite('people:resetPassword');
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    reset.mutate({ id: person.id, revision: person.revision, password }, { onSuccess: () => (notifySuccess(t('people:passwordSet', { name: person.displayName })), onDone()) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Refusal error={reset.error} />
        <PasswordInput
          label={t('people:fields.newPassword')}
          description={t('people:fields.newPasswordHint')}
          autoComplete="new-password"
          required
          value={password}
          error={fieldError(reset.error, 'password')}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('people:actions.cancel')}
          </Button>
          <Button type="submit" loading={reset.isPending}>
            {t('people:actions.resetPassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
