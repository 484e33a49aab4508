import { Alert, Badge, Button, Checkbox, Grid, Group, Modal, Paper, SimpleGrid, Spoiler, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  IDENTITY_METHODS,
  IDENTITY_RESULTS,
  REFUSAL_REASONS,
  type Request,
  type RequestAction,
} from '@shared/domain/requests';
import { formatLocalDate, instantOfWallTime } from '@shared/time';
import { messageText } from '@shared/i18n/message-text';
import { useCall, usePagedCall, useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { EnumSelect } from '../../components/EnumSelect';
import { DeadlineBadge, ProvisionalMark } from '../../components/DeadlineBadge';
import { notifyError, notifySuccess } from '../../components/notify';
import { DateTimeField } from '../../components/DateFields';
import { useZonedFormat } from '../../components/format';
import { VirtualTimeline } from '../../components/VirtualTimeline';
import { STATUS_COLORS } from './RequestsList.page';
import { RecordHeader } from '../../components/RecordActions';
import { Loaded } from '../../components/Loaded';
import { RequestAttachments } from './RequestAttachments';
import { RequestLetters } from './RequestLetters';
import { Allowed, useCan } from '../../app/session';
import { AssigneeField } from './MyRequests';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text size="sm" component="dd" m={0} style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

export function RequestDetailPage() {
  const { id } = useParams();
  const query = useCall('requests:get', { id: Number(id) });
  return <Loaded query={query}>{(request) => <Detail request={request} />}</Loaded>;
}

function Detail({ request: r }: { request: Request }) {
  const { t, i18n } = useTranslation();
  const fmt = useZonedFormat();
  const [action, setAction] = useState<RequestAction | null>(null);
  const mayUpdate = useCan('requests:update');
  const mayAct = useCan('requests:act');
  const f = (name: string) => t(`requests:fields.${name}`);
  const none = t('common:none');
  return (
    <Stack>
      <RecordHeader
        title={t('requests:detail.title', { reference: r.reference })}
        badges={
          <>
            <Badge color={STATUS_COLORS[r.status]} variant="light" data-testid="request-status">
              {t(`requests:status.${r.status}`)}
            </Badge>
            <DeadlineBadge deadline={r.deadline} status={r.status} />
            {r.concernsMinor && (
              <Badge color="orange" variant="light">
                {f('concernsMinor')}
              </Badge>
            )}
          </>
        }
        back="/requests"
      >
        {!r.anonymisedAt && mayUpdate && (
          <Button variant="light" component={Link} to={`/requests/${r.id}/edit`}>
            {t('requests:detail.edit')}
          </Button>
        )}
      </RecordHeader>
      {r.anonymisedAt && <Alert color="gray">{t('requests:detail.anonymised', { date: fmt(r.anonymisedAt) })}</Alert>}
      {r.complaintRouteGiven && (
        <Alert color="blue" icon={<IconScale size={18} />} title={t('requests:detail.art50Title')} data-testid="art50-notice">
          {t('requests:detail.art50Given')}
        </Alert>
      )}

      {mayAct && (
      <Paper withBorder p="md" component="section" aria-labelledby="actions-title">
        <Title order={3} size="h5" id="actions-title" mb="sm">
          {t('requests:detail.actions')}
        </Title>
        {r.allowedActions.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('requests:detail.noActions')}
          </Text>
        ) : (
          <Group gap="xs">
            {r.allowedActions.map((a) => (
              <Button key={a} variant={a === 'note' ? 'default' : 'light'} color={a === 'refuse' ? 'red' : undefined} onClick={() => setAction(a)}>
                {t(`requests:action.${a}`)}
              </Button>
            ))}
          </Group>
        )}
      </Paper>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="md" verticalSpacing="md" m={0}>
                <Field label={f('dueDate')}>
                  <span data-testid="request-due">{r.deadline.dueDate ? formatLocalDate(r.deadline.dueDate, i18n.language) : t('requests:badge.unknown')}</span>{' '}
                  <ProvisionalMark deadline={r.deadline} />
                </Field>
                <Field label={f('receivedAt')}>{fmt(r.receivedAt)}</Field>
                <Field label={f('channel')}>{t(`requests:channel.${r.channel}`)}</Field>
                <Field label={f('kind')}>{t(`requests:kind.${r.kind}`)}</Field>
                <Field label={f('requesterName')}>{r.requesterName || none}</Field>
                <Field label={f('requesterContact')}>{r.requesterContact || none}</Field>
                <Field label={f('accountRef')}>{r.accountRef || none}</Field>
                <Field label={f('assignee')}>
                  <AssigneeField request={r} />
                </Field>
                <Field label={t('requests:detail.identity')}>
                  {r.identityResult
                    ? `${t(`requests:identityResult.${r.identityResult}`)} · ${t(`requests:identityMethod.${r.identityMethod}`)} · ${fmt(r.identityVerifiedAt!)}`
                    : t('requests:detail.notVerified')}
                </Field>
                <Field label={f('respondedAt')}>{r.respondedAt ? fmt(r.respondedAt) : none}</Field>
                {r.refusalReason && (
                  <Field label={f('refusalReason')}>
                    {r.refusalReason === 'other' && r.refusalNote ? r.refusalNote : t(`requests:refusalReason.${r.refusalReason}`)}
                  </Field>
                )}
                {r.closedAt && <Field label={f('closedAt')}>{fmt(r.closedAt)}</Field>}
              </SimpleGrid>
              <Stack mt="md" gap="md" component="dl" m={0}>
                {r.details && <Field label={f('details')}>{r.details}</Field>}
                {r.responseSummary && <Field label={f('responseSummary')}>{r.responseSummary}</Field>}
              </Stack>
            </Paper>
            <Allowed channel="requests:sendLetter">
              <RequestLetters request={r} />
            </Allowed>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack>
            <RequestTimeline id={r.id} />
            <RequestAttachments id={r.id} />
          </Stack>
        </Grid.Col>
      </Grid>
      {action && <ActionModal request={r} action={action} onClose={() => setAction(null)} />}
    </Stack>
  );
}

function RequestTimeline({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const fmt = useZonedFormat();
  const events = usePagedCall('requests:events', { id });
  const items = events.items;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="timeline-title">
      <Title order={3} size="h5" id="timeline-title" mb="sm">
        {t('requests:detail.timeline')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('requests:detail.timelineEmpty')}
        </Text>
      ) : (
        <VirtualTimeline items={items} total={events.total} loadMore={events.loadMore} itemKey={(e) => e.id} title={(e) => t(`requests:event.${e.kind}`)} labelledBy="timeline-title" testId="request-timeline">
          {(e) => {
            const data = e.data as {
              dueDateBefore?: string | null;
              dueDateAfter?: string | null;
              method?: string;
              refusalReason?: string;
              refusalNote?: string;
              complaintRouteGiven?: boolean;
              onTime?: boolean | null;
              partial?: boolean;
              template?: string;
              language?: string;
              problem?: string | null;
              missingYears?: number[];
              problemBefore?: string | null;
              missingYearsBefore?: number[];
            };
            const moved = 'dueDateAfter' in data;
            return (
              <>
                <Text size="xs" c="dimmed">
                  {fmt(e.at)} · {t('requests:event.by', { actor: e.actor })}
                </Text>
                {e.kind === 'letter_sent' && data.template && (
                  <Text size="sm" fw={500}>
                    {t('requests:event.letter', { kind: t(`requests:templates.kinds.${data.template}`), language: t(`common:language.${data.language}`) })}
                  </Text>
                )}
                {e.text && e.kind === 'letter_sent' ? (
                  <Spoiler maxHeight={66} showLabel={t('requests:event.showText')} hideLabel={t('requests:event.hideText')}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {e.text}
                    </Text>
                  </Spoiler>
                ) : (
                  e.text && <Text size="sm">{e.text}</Text>
                )}
                {data.method && <Text size="sm">{t(`requests:identityMethod.${data.method}`)}</Text>}
                {data.refusalReason && <Text size="sm">{t(`requests:refusalReason.${data.refusalReason}`)}</Text>}
                {data.refusalNote && <Text size="sm">{data.refusalNote}</Text>}
                {data.complaintRouteGiven && <Text size="sm">{t('requests:event.art50Given')}</Text>}
                {data.partial && <Text size="sm">{t('requests:event.partial')}</Text>}
                {typeof data.onTime === 'boolean' && <Text size="sm">{t(data.onTime ? 'requests:event.onTime' : 'requests:event.late')}</Text>}
                {moved && (
                  <Text size="sm">
                    {t('requests:event.dueMoved', {
                      before: data.dueDateBefore ?? t('requests:event.dueUnknown'),
                      after: data.dueDateAfter ?? t('requests:event.dueUnknown'),
                    })}
                  </Text>
                )}
                {moved && data.problem === 'calendar_provisional' && (
                  <Text size="sm">{t('requests:badge.provisional', { years: (data.missingYears ?? []).join(', ') })}</Text>
                )}
                {moved && data.problemBefore === 'calendar_provisional' && data.problem !== 'calendar_provisional' && (
                  <Text size="sm" data-testid="timeline-no-longer-provisional">
                    {t('requests:event.noLongerProvisional', { years: (data.missingYearsBefore ?? []).join(', ') })}
                  </Text>
                )}
              </>
            );
          }}
        </VirtualTimeline>
      )}
    </Paper>
  );
}

/** The form of one workflow step, in a dialog. */
function ActionModal({ request: r, action, onClose }: { request: Request; action: RequestAction; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const timeZone = useCall('settings:get', {}).data?.timeZone ?? 'Asia/Shanghai';
  const act = useWrite('requests:act');
  // The revision the dialog opened on: a change saved elsewhere meanwhile is refused, not acted over.
  const [revision] = useState(r.revision);
  const [values, setValues] = useState<Record<string, unknown>>({
    method: null,
    result: 'verified',
    refusalReason: null,
    refusalNote: '',
    complaintRouteGiven: false,
    partial: false,
    reason: '',
    note: '',
    summary: '',
    explanation: '',
    at: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (k: string) => (v: unknown) => setValues((prev) => ({ ...prev, [k]: v }));
  const text = (k: string) => ({
    value: String(values[k] ?? ''),
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(k)(e.currentTarget.value),
    error: errors[k],
  });
  const f = (name: string) => t(`requests:fields.${name}`);
  const fields: Record<RequestAction, string[]> = {
    startVerification: ['note'],
    verify: ['method', 'result', 'note', 'at'],
    pause: ['reason', 'at'],
    resume: ['reason', 'at'],
    respond: ['summary', 'partial', 'at'],
    refuse: ['refusalReason', 'refusalNote', 'explanation', 'complaintRouteGiven', 'at'],
    withdraw: ['reason', 'at'],
    close: ['note'],
    reopen: ['reason'],
    note: ['note'],
  };
  const submit = () => {
    const input: Record<string, unknown> = { id: r.id, revision, action, ...Object.fromEntries(fields[action].filter(has).map((k) => [k, values[k]])) };
    // "When" is a wall-clock time in the organisation's zone; left empty, the core records now.
    const when = String(values.at ?? '').trim();
    if (!when) delete input.at;
    else {
      const instant = instantOfWallTime(when, timeZone);
      // A time that does not exist (30 February, 25:99) is refused beside the field, never rolled over.
      if (!instant) return setErrors({ at: messageText(t, { key: 'validation.wallTime' }) });
      input.at = instant.toISOString();
    }
    act.mutate(input as never, {
      onSuccess: () => {
        notifySuccess(
          i18n.exists(`requests:actionForm.doneFor.${action}`)
            ? t(`requests:actionForm.doneFor.${action}`, { reference: r.reference })
            : t('requests:actionForm.done', { action: t(`requests:action.${action}`) }),
        );
        onClose();
      },
      onError: (e) => {
        if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setErrors(e.fieldErrors);
        else notifyError(t, e);
      },
    });
  };
  // The stated reason belongs to "other" only; the core requires it there.
  const has = (k: string) => fields[action].includes(k) && (k !== 'refusalNote' || values.refusalReason === 'other');
  return (
    <Modal opened onClose={onClose} title={t(`requests:action.${action}`)}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {has('method') && (
            <EnumSelect label={f('method')} withAsterisk values={IDENTITY_METHODS} labelPrefix="requests:identityMethod" value={values.method as never} onChange={set('method')} error={errors.method} data-autofocus />
          )}
          {has('result') && <EnumSelect label={f('result')} withAsterisk values={IDENTITY_RESULTS} labelPrefix="requests:identityResult" value={values.result as never} onChange={set('result')} error={errors.result} />}
          {has('refusalReason') && (
            <EnumSelect label={f('refusalReason')} withAsterisk values={REFUSAL_REASONS} labelPrefix="requests:refusalReason" value={values.refusalReason as never} onChange={set('refusalReason')} error={errors.refusalReason} data-autofocus />
          )}
          {has('refusalNote') && <TextInput label={f('refusalNote')} withAsterisk {...text('refusalNote')} />}
          {has('reason') && <TextInput label={f('reason')} withAsterisk {...text('reason')} data-autofocus />}
          {has('summary') && <Textarea label={f('summary')} withAsterisk autosize minRows={3} {...text('summary')} data-autofocus />}
          {has('explanation') && <Textarea label={f('explanation')} withAsterisk autosize minRows={3} {...text('explanation')} />}
          {has('note') && <Textarea label={f('note')} withAsterisk={action === 'note'} autosize minRows={2} {...text('note')} data-autofocus={fields[action].length === 1 || undefined} />}
          {has('at') && <DateTimeField label={f('at')} timeZone={timeZone} value={String(values.at ?? '')} onChange={set('at')} error={errors.at} />}
          {has('partial') && <Checkbox label={f('partial')} checked={Boolean(values.partial)} onChange={(e) => set('partial')(e.currentTarget.checked)} />}
          {has('complaintRouteGiven') && (
            <Checkbox label={f('complaintRouteGiven')} checked={Boolean(values.complaintRouteGiven)} onChange={(e) => set('complaintRouteGiven')(e.currentTarget.checked)} error={errors.complaintRouteGiven} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={act.isPending} color={action === 'refuse' ? 'red' : undefined}>
              {i18n.exists(`requests:actionForm.submit.${action}`) ? t(`requests:actionForm.submit.${action}`) : t('requests:actionForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
