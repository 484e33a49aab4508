import { Button, Group, Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { ChangedElsewhere, useEditBase } from '../../components/EditBase';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { SDK_PLATFORMS, emptySdk, sdkInput, type Sdk, type SdkValues } from '@shared/domain/sdks';
import { useCall, useWrite } from '../../api/hooks';
import { ClauseSelect } from '../../components/ClauseSelect';
import { EnumSelect } from '../../components/EnumSelect';
import { RecordSelect } from '../../components/RecordSelect';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { Loaded } from '../../components/Loaded';

type FormValues = ReturnType<typeof emptySdk>;

export function SdkEditPage() {
  const { id } = useParams();
  const sdkId = id ? Number(id) : null;
  const existing = useCall('sdks:get', { id: sdkId ?? 0 }, { enabled: sdkId !== null });
  if (sdkId === null) return <Editor key="new" existing={null} />;
  return <Loaded query={existing}>{(sdk) => <Editor key={sdk.id} existing={sdk} />}</Loaded>;
}

function Editor({ existing }: { existing: Sdk | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const edit = useEditBase(existing);
  const initial: FormValues = existing
    ? { name: existing.name, vendorPartnerId: existing.vendorPartnerId, platform: existing.platform, purpose: existing.purpose, policyClause: existing.policyClause, notes: existing.notes }
    : emptySdk();
  const form = useSchemaForm<FormValues, typeof sdkInput>(sdkInput, initial);
  const create = useWrite('sdks:create');
  const update = useWrite('sdks:update');
  const f = (name: string) => t(`sdks:fields.${name}`);
  const submit = (parsed: SdkValues) => {
    const onError = (error: unknown) => {
      if (!showServerErrors(form, error)) notifyError(t, error);
    };
    const onSuccess = (saved: Sdk) => {
      notifySuccess(t(existing ? 'sdks:updated' : 'sdks:created', { name: saved.name }));
      navigate(`/sdks/${saved.id}`);
    };
    if (existing) update.mutate({ ...parsed, id: existing.id, revision: edit.revision ?? existing.revision }, { onSuccess, onError });
    else create.mutate(parsed, { onSuccess, onError });
  };
  return (
    <Stack maw={900}>
      <Title order={2}>{existing ? t('sdks:editTitle', { name: existing.name }) : t('sdks:createTitle')}</Title>
      <ChangedElsewhere show={edit.changedElsewhere} />
      <Paper withBorder p="md">
        <form onSubmit={form.submitParsed(submit)} noValidate>
          <Stack>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput label={f('name')} withAsterisk {...form.getInputProps('name')} />
              <RecordSelect kind="partners" label={f('vendorPartnerId')} value={form.values.vendorPartnerId} onChange={(v) => form.setFieldValue('vendorPartnerId', v)} error={form.errors.vendorPartnerId} withAsterisk />
              <EnumSelect label={f('platform')} values={SDK_PLATFORMS} labelPrefix="sdks:platform" withAsterisk {...form.getInputProps('platform')} />
              <ClauseSelect label={f('policyClause')} value={form.values.policyClause} onChange={(v) => form.setFieldValue('policyClause', v)} error={form.errors.policyClause} />
            </SimpleGrid>
            <Textarea label={f('purpose')} withAsterisk autosize minRows={2} {...form.getInputProps('purpose')} />
            <Textarea label={f('notes')} autosize minRows={2} {...form.getInputProps('notes')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate(existing ? `/sdks/${existing.id}` : '/sdks')}>
                {t('common:actions.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending || update.isPending}>
                {t('common:actions.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
