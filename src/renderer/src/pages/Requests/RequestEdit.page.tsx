import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { ChangedElsewhere, useEditBase } from '../../components/EditBase';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { wallTimeOf } from '@shared/time';
import type { Request } from '@shared/domain/requests';
import type { Settings } from '@shared/domain/settings';
import { useCall, useWrite } from '../../api/hooks';
import { showServerErrors } from '../../components/useSchemaForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { intakeErrors, RequestFields, toInput, type IntakeValues } from './RequestIntake.page';
import { both, Loaded } from '../../components/Loaded';

/** Corrects the intake details of a request; a save over someone else's newer save is refused (CONFLICT). */
export function RequestEditPage() {
  const { id } = useParams();
  const request = useCall('requests:get', { id: Number(id) });
  const settings = useCall('settings:get', {});
  return <Loaded query={both(request, settings)}>{([r, s]) => <EditForm request={r} settings={s} />}</Loaded>;
}

function EditForm({ request: r, settings }: { request: Request; settings: Settings }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useWrite('requests:update');
  const edit = useEditBase(r);
  const form = useForm<IntakeValues>({
    mode: 'controlled',
    initialValues: {
      channel: r.channel,
      receivedAt: wallTimeOf(r.receivedAt, settings.timeZone).replace('T', ' '),
      requesterName: r.requesterName,
      requesterContact: r.requesterContact,
      accountRef: r.accountRef,
      kind: r.kind,
      details: r.details,
      concernsMinor: r.concernsMinor,
      assignee: r.assignee,
    },
    validate: (values) => intakeErrors(values, settings.timeZone, t),
  });
  return (
    <Stack maw={900}>
      <Title order={2}>
        {t('requests:detail.edit')} · {r.reference}
      </Title>
      <ChangedElsewhere show={edit.changedElsewhere} />
      <Paper withBorder p="md">
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            update.mutate(
              { ...toInput(values, settings.timeZone), id: r.id, revision: edit.revision ?? r.revision },
              {
                onSuccess: () => {
                  notifySuccess(t('common:saved'));
                  navigate(`/requests/${r.id}`);
                },
                onError: (e) => {
                  if (!showServerErrors(form, e)) notifyError(t, e);
                },
              },
            ),
          )}
        >
          <Stack>
            <RequestFields form={form} timeZone={settings.timeZone} autoFocus />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to={`/requests/${r.id}`}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
