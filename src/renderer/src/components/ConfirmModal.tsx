import { Button, Group, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/** Asks before a retire or a delete; the confirm button repeats the action's name. */
export function ConfirmModal(props: {
  opened: boolean;
  title: string;
  body: string;
  action: string;
  color?: string;
  loading?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title}>
      <Text size="sm">{props.body}</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={props.onClose}>
          {t('common:actions.cancel')}
        </Button>
        <Button color={props.color ?? 'red'} loading={props.loading} onClick={props.onConfirm}>
          {props.action}
        </Button>
      </Group>
    </Modal>
  );
}

/** A refused delete or retire: the message lists what depends on the record; it stays until closed. */
export function notifyRefused(t: TFunction, error: unknown): void {
  notifications.show({ color: 'red', title: t('common:errorTitle'), message: error instanceof Error ? error.message : String(error), autoClose: false });
}
