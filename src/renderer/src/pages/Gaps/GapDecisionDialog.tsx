import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { gapDecideInput, type GapDecisionKind, type GapItem } from '@shared/domain/gaps';
import { useWrite } from '../../api/hooks';
import { DateField } from '../../components/DateFields';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';

const [inHandSchema, settledSchema] = gapDecideInput.options;

const TITLE: Record<GapDecisionKind, string> = {
  in_hand: 'gaps:decide.assignTitle',
  accepted: 'gaps:decide.acceptTitle',
  not_applicable: 'gaps:decide.notApplicableTitle',
};

/** The dialog of one decision about a gap: an owner and a due date, or a reason and a review date. */
export function GapDecisionDialog({ checkId, item, kind, onClose }: { checkId: string; item: GapItem; kind: GapDecisionKind; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t(TITLE[kind], { record: item.label })} size="lg">
      {kind === 'in_hand' ? <AssignForm checkId={checkId} item={item} onDone={onClose} /> : <SettleForm checkId={checkId} item={item} kind={kind} onDone={onClose} />}
    </Modal>
  );
}

function useDecide(item: GapItem, onDone: () => void) {
  const { t } = useTranslation();
  const decide = useWrite('gaps:decide');
  const send = (input: Parameters<typeof decide.mutate>[0], onFieldErrors: (error: unknown) => boolean) =>
    decide.mutate(input, {
      onSuccess: () => {
        notifySuccess(t('gaps:decide.saved', { record: item.label }));
        onDone();
      },
      onError: (error) => {
        if (!onFieldErrors(error)) notifyError(t, error);
      },
    });
  return { send, pending: decide.isPending };
}

function Buttons({ pending, onCancel }: { pending: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt="sm">
      <Button variant="default" onClick={onCancel}>
        {t('common:actions.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {t('gaps:decide.save')}
      </Button>
    </Group>
  );
}

function AssignForm({ checkId, item, onDone }: { checkId: string; item: GapItem; onDone: () => void }) {
  const { t } = useTranslation();
  const d = item.decision;
  const form = useSchemaForm(inHandSchema, {
    checkId,
    recordId: item.id,
    revision: d?.revision ?? null,
    decision: 'in_hand' as const,
    owner: d?.owner ?? '',
    dueOn: d?.dueOn ?? '',
  });
  const { send, pending } = useDecide(item, onDone);
  return (
    <form onSubmit={form.submitParsed((parsed) => send(parsed, (e) => showServerErrors(form, e)))} noValidate>
      <Stack>
        <TextInput label={t('gaps:decide.owner')} withAsterisk data-autofocus {...form.getInputProps('owner')} />
        <DateField label={t('gaps:decide.dueOn')} withAsterisk {...form.getInputProps('dueOn')} />
        <Buttons pending={pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

function SettleForm({ checkId, item, kind, onDone }: { checkId: string; item: GapItem; kind: 'accepted' | 'not_applicable'; onDone: () => void }) {
  const { t } = useTranslation();
  const d = item.decision;
  const same = d?.decision === kind;
  const form = useSchemaForm(settledSchema, {
    checkId,
    recordId: item.id,
    revision: d?.revision ?? null,
    decision: kind,
    reason: same ? d.reason : '',
    reviewOn: same ? (d.reviewOn ?? '') : '',
  });
  const { send, pending } = useDecide(item, onDone);
  return (
    <form onSubmit={form.submitParsed((parsed) => send(parsed, (e) => showServerErrors(form, e)))} noValidate>
      <Stack>
        <Textarea
          label={t('gaps:decide.reason')}
          description={t(kind === 'accepted' ? 'gaps:decide.reasonHintAccept' : 'gaps:decide.reasonHintNotApplicable')}
          withAsterisk
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <DateField label={t('gaps:decide.reviewOn')} description={t('gaps:decide.reviewOnHint')} withAsterisk {...form.getInputProps('reviewOn')} />
        <Buttons pending={pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
