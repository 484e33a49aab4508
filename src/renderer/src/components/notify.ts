import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 3000 });
}

/** Any error that has no field to sit beside: shown with the envelope's message. */
export function notifyError(t: TFunction, error: unknown): void {
  const conflict = error instanceof ApiError && error.code === 'CONFLICT';
  notifications.show({
    color: 'red',
    title: t(conflict ? 'common:conflictTitle' : 'common:errorTitle'),
    message: error instanceof Error ? error.message : String(error),
    autoClose: false,
  });
}
