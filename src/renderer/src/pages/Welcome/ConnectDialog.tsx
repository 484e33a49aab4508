import { Alert, Button, Checkbox, Group, Modal, NumberInput, PasswordInput, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TLS_MODES, type ConnectionCheck, type ConnectionInput, type TlsMode } from '@shared/domain/connection';
import { useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { Select } from '../../components/Select';
import { notifySuccess } from '../../components/notify';

interface Fields {
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
  tlsMode: TlsMode;
  caFile: string;
}

const EMPTY: Fields = { host: '', port: 5432, database: 'privacy_workbench', user: 'workbench', password: '', tlsMode: 'verify-full', caFile: '' };

/**
 * "Connect to a team register": the server as labelled fields or as one `postgres://` address, the
 * TLS mode (verify-full recommended), "Test connection", then Connect. The host switches to it; the
 * whole renderer then starts again on the new register (its sign-in page or its welcome screen).
 */
export function ConnectDialog({ opened, onClose, desktop }: { opened: boolean; onClose: () => void; desktop: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form, setForm] = useState<'fields' | 'url'>('fields');
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [url, setUrl] = useState('');
  const [remember, setRemember] = useState(true);
  const [check, setCheck] = useState<ConnectionCheck | null>(null);
  const test = useWrite('connection:test');
  const connect = useWrite('connection:connect');
  const w = (key: string) => t(`welcome:connect.${key}`);

  const input = (): ConnectionInput => (form === 'url' ? { form, url } : { form, ...fields });
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => {
    setFields((f) => ({ ...f, [key]: value }));
    setCheck(null);
  };
  const fieldError = (name: string) => {
    const error = test.error ?? connect.error;
    if (!(error instanceof ApiError)) return undefined;
    return error.fieldErrors[`connection.${name}`] ?? error.fieldErrors[name];
  };
  const problem = check && !check.ok ? check.message : connect.error && !(connect.error instanceof ApiError && connect.error.code === 'VALIDATION') ? connect.error.message : null;

  const runTest = () => {
    connect.reset();
    test.mutate(input(), { onSuccess: setCheck, onError: () => setCheck(null) });
  };
  const submit = () =>
    connect.mutate(
      { connection: input(), remember },
      {
        onSuccess: (status) => {
          notifySuccess(t('welcome:connect.connected', { location: status.location }));
          onClose();
          // Every cached answer was the other register's.
          void client.resetQueries();
        },
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title={w('title')} size="lg">
      <Stack>
        <Text size="sm">{w('intro')}</Text>
        <SegmentedControl
          aria-label={w('title')}
          value={form}
          onChange={(v) => {
            setForm(v as 'fields' | 'url');
            setCheck(null);
          }}
          data={[
            { value: 'fields', label: w('formFields') },
            { value: 'url', label: w('formUrl') },
          ]}
        />
        {form === 'fields' ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={w('server')} description={w('serverHint')} withAsterisk value={fields.host} onChange={(e) => set('host', e.currentTarget.value)} error={fieldError('host')} style={{ gridColumn: 'span 2' }} />
              <NumberInput label={w('port')} min={1} max={65535} allowDecimal={false} value={fields.port} onChange={(v) => set('port', Number(v) || 5432)} error={fieldError('port')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={w('database')} withAsterisk value={fields.database} onChange={(e) => set('database', e.currentTarget.value)} error={fieldError('database')} />
              <TextInput label={w('user')} withAsterisk value={fields.user} onChange={(e) => set('user', e.currentTarget.value)} error={fieldError('user')} autoComplete="off" />
            </SimpleGrid>
            <PasswordInput label={w('password')} description={w('passwordHint')} value={fields.password} onChange={(e) => set('password', e.currentTarget.value)} autoComplete="off" />
            <Select
              label={w('tls')}
              allowDeselect={false}
              value={fields.tlsMode}
              onChange={(v) => v && set('tlsMode', v as TlsMode)}
              data={TLS_MODES.map((mode) => ({ value: mode, label: t(`welcome:connect.tlsMode.${mode}`) }))}
            />
            {fields.tlsMode !== 'verify-full' && (
              <Alert color="yellow" role="note">
                {w('tlsWeak')}
              </Alert>
            )}
            {fields.tlsMode !== 'disable' && (
              <TextInput label={w('caFile')} description={w('caFileHint')} value={fields.caFile} onChange={(e) => set('caFile', e.currentTarget.value)} />
            )}
          </>
        ) : (
          <TextInput
            label={w('url')}
            description={w('urlHint')}
            withAsterisk
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setCheck(null);
            }}
            error={fieldError('url')}
            autoComplete="off"
          />
        )}
        <Checkbox label={w('remember')} description={desktop ? w('rememberDesktop') : w('rememberWeb')} checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
        {check?.ok && (
          <Alert color="teal" role="status" data-testid="connection-test-ok">
            {t(check.newRegister ? 'welcome:connect.testOkNew' : 'welcome:connect.testOk', { location: check.location })}
          </Alert>
        )}
        {problem && (
          <Alert color="red" role="alert" data-testid="connection-problem">
            {problem}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button variant="light" onClick={runTest} loading={test.isPending}>
            {w('test')}
          </Button>
          <Button onClick={submit} loading={connect.isPending}>
            {w('submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
