/**
 * What every record's page shares: its heading, its active/retired badge, and the retire,
 * reactivate and delete actions with their confirmations and notifications. Each register supplies
 * its own words under its i18n namespace: `retire.title`, `retire.body`, `retired`, `reactivated`,
 * `delete.title`, `delete.body`, `deleted`, interpolated with the record's `params`.
 */
import { Badge, Button, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconEdit, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmModal, notifyRefused } from './ConfirmModal';
import { notifyError, notifySuccess } from './notify';
import { useCan } from '../app/session';
import type { Channel } from '@shared/contract/channels';

export type RecordStatus = 'active' | 'retired';

/** The registers whose records have these actions; each its own `<ns>:delete` channel (and `<ns>:setStatus` but agreements). */
export type RecordRegister = 'categories' | 'partners' | 'sdks' | 'agreements';

/** A register's words for one record: its i18n namespace (also its channels') and the values its messages name. */
export interface RecordWords<N extends RecordRegister = RecordRegister> {
  ns: N;
  params: Record<string, string>;
}

/** A record page's heading: its title with its badges beneath, and on the right Back to its list and the record's actions. */
export function RecordHeader({ title, badges, back, children }: { title: ReactNode; badges: ReactNode; back: string; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start">
      <div>
        <Title order={2}>{title}</Title>
        <Group gap="xs" mt={4}>
          {badges}
        </Group>
      </div>
      <Group>
        <Button variant="default" component={Link} to={back}>
          {t('common:actions.back')}
        </Button>
        {children}
      </Group>
    </Group>
  );
}

/** Edit, to the record's edit page, for a role that may call the register's update channel. */
export function EditAction({ channel, to, variant }: { channel: Channel; to: string; variant?: 'filled' | 'light' }) {
  const { t } = useTranslation();
  if (!useCan(channel)) return null;
  return (
    <Button variant={variant} leftSection={<IconEdit size={16} />} component={Link} to={to}>
      {t('common:actions.edit')}
    </Button>
  );
}

export function RecordStatusBadge({ status, style }: { status: RecordStatus; style?: CSSProperties }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'active' ? 'teal' : 'gray'} variant="light" style={style}>
      {t(`common:status.${status}`)}
    </Badge>
  );
}

/** Retire (after asking) an active record, or reactivate a retired one. */
export function RetireAction({ status, words, onChange }: { status: RecordStatus; words: RecordWords<Exclude<RecordRegister, 'agreements'>>; onChange: (status: RecordStatus) => Promise<unknown> }) {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const allowed = useCan(`${words.ns}:setStatus`);
  const change = async (next: RecordStatus) => {
    setBusy(true);
    try {
      await onChange(next);
      modal.close();
      notifySuccess(t(`${words.ns}:${next === 'retired' ? 'retired' : 'reactivated'}`, words.params));
    } catch (error) {
      notifyError(t, error);
    } finally {
      setBusy(false);
    }
  };
  if (!allowed) return null;
  if (status !== 'active') {
    return (
      <Button variant="light" leftSection={<IconRestore size={16} />} onClick={() => void change('active')} loading={busy}>
        {t('common:actions.reactivate')}
      </Button>
    );
  }
  return (
    <>
      <Button variant="light" color="gray" leftSection={<IconArchive size={16} />} onClick={modal.open}>
        {t('common:actions.retire')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        title={t(`${words.ns}:retire.title`, words.params)}
        body={t(`${words.ns}:retire.body`)}
        action={t('common:actions.retire')}
        color="gray"
        loading={busy}
        onConfirm={() => void change('retired')}
      />
    </>
  );
}

/**
 * Delete (after asking, or after typing `typeToConfirm`), then go to `afterDelete`. A refusal (other
 * records still depend on this one) says what depends on it and stays on screen until closed.
 */
export function DeleteAction({
  words,
  onDelete,
  afterDelete,
  typeToConfirm,
}: {
  words: RecordWords;
  onDelete: () => Promise<unknown>;
  afterDelete: string;
  typeToConfirm?: { label: string; expected: string };
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const allowed = useCan(`${words.ns}:delete`);
  const remove = async () => {
    setBusy(true);
    try {
      await onDelete();
      notifySuccess(t(`${words.ns}:deleted`, words.params));
      navigate(afterDelete);
    } catch (error) {
      modal.close();
      setBusy(false);
      notifyRefused(t, error);
    }
  };
  if (!allowed) return null;
  return (
    <>
      <Button variant="light" color="red" leftSection={<IconTrash size={16} />} onClick={modal.open}>
        {t('common:actions.delete')}
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={modal.close}
        title={t(`${words.ns}:delete.title`, words.params)}
        body={t(`${words.ns}:delete.body`)}
        action={t('common:actions.delete')}
        loading={busy}
        typeToConfirm={typeToConfirm}
        onConfirm={() => void remove()}
      />
    </>
  );
}
