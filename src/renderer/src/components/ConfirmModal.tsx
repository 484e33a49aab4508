import { Button, Group, Modal, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * Asks before a retire or a delete; the confirm button repeats the action's name. With
 * `typeToConfirm`, the button stays disabled until the user has typed the expected text.
 */
export function ConfirmModal(props: {
  opened: boolean;
  title: string;
  body: string;
  action: string;
  color?: string;
  loading?: boolean;
  typeToConfirm?: { label: string; expected: string };
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const close = () => {
    setTyped('');
    props.onClose();
  };
  const confirmed = !props.typeToConfirm || typed.trim() === props.typeToConfirm.expected;
  return (
    <Modal opened={props.opened} onClose={close} title={props.title}>
      <Text size="sm">{props.body}</Text>
      {props.typeToConfirm && <TextInput mt="md" label={props.typeToConfirm.label} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} />}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={close}>
          {t('common:actions.cancel')}
        </Button>
        <Button color={props.color ?? 'red'} loading={props.loading} disabled={!confirmed} onClick={props.onConfirm}>
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
