import { Button, Code, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCall, useWrite } from '../../api/hooks';
import { notifyError } from '../../components/notify';
import { ConnectDialog } from '../Welcome/ConnectDialog';

/** Settings → Register: which register this machine has open, and the switch to a team register or back. */
export function RegisterChoice() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const status = useCall('connection:status', {});
  const [opened, dialog] = useDisclosure(false);
  const useLocal = useWrite('connection:useLocal');
  if (!status.data || !status.data.canSwitch) return null;
  const { team, location, host } = status.data;
  return (
    <Fieldset legend={t('welcome:connect.section')}>
      <Stack gap="sm">
        <Text size="sm">
          {t(team ? 'welcome:connect.currentTeam' : 'welcome:connect.currentLocal')}: <Code data-testid="register-location">{location}</Code>
        </Text>
        <Group>
          <Button variant="light" onClick={dialog.open}>
            {t('welcome:connect.open')}
          </Button>
          {team && (
            <Button
              variant="default"
              loading={useLocal.isPending}
              onClick={() => useLocal.mutate({}, { onSuccess: () => void client.resetQueries(), onError: (e) => notifyError(t, e) })}
            >
              {t('welcome:connect.useLocal')}
            </Button>
          )}
        </Group>
      </Stack>
      <ConnectDialog opened={opened} onClose={dialog.close} desktop={host === 'electron'} />
    </Fieldset>
  );
}
