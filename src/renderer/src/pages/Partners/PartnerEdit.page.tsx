import { Button, Fieldset, Group, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { ChangedElsewhere, useEditBase } from '../../components/EditBase';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PARTNER_ROLES, SHARING_BASES, emptyPartner, partnerInput, type Partner, type PartnerValues } from '@shared/domain/partners';
import { useCall, useWrite } from '../../api/hooks';
import { ClauseSelect } from '../../components/ClauseSelect';
import { ClauseText } from '../../components/ClauseText';
import { EnumSelect } from '../../components/EnumSelect';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { Loaded } from '../../components/Loaded';

function valuesOf(p: Partner): PartnerValues {
  const { id: _i, revision: _r, status: _s, createdAt: _c, updatedAt: _u, ...values } = p;
  return values;
}

/** `/partners/new` and `/partners/:id/edit`. */
export function PartnerEditPage() {
  const { id } = useParams();
  const partnerId = id ? Number(id) : null;
  const existing = useCall('partners:get', { id: partnerId ?? 0 }, { enabled: partnerId !== null });
  if (partnerId === null) return <Editor key="new" existing={null} />;
  return <Loaded query={existing}>{(partner) => <Editor key={partner.id} existing={partner} />}</Loaded>;
}

function Editor({ existing }: { existing: Partner | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const edit = useEditBase(existing);
  const form = useSchemaForm<PartnerValues>(partnerInput, existing ? valuesOf(existing) : emptyPartner());
  const create = useWrite('partners:create');
  const update = useWrite('partners:update');
  const f = (name: string) => t(`partners:fields.${name}`);
  const onError = (error: unknown) => {
    if (!showServerErrors(form, error)) notifyError(t, error);
  };
  const submit = (values: PartnerValues) => {
    const done = (saved: Partner) => {
      notifySuccess(t(existing ? 'partners:updated' : 'partners:created', { name: saved.name }));
      navigate(`/partners/${saved.id}`);
    };
    if (existing) update.mutate({ ...values, id: existing.id, revision: edit.revision ?? existing.revision }, { onSuccess: done, onError });
    else create.mutate(values, { onSuccess: done, onError });
  };
  return (
    <Stack maw={1000}>
      <Title order={2}>{existing ? t('partners:editTitle', { name: existing.name }) : t('partners:createTitle')}</Title>
      <ChangedElsewhere show={edit.changedElsewhere} />
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('partners:sections.partner')}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <TextInput label={f('name')} withAsterisk {...form.getInputProps('name')} />
              <EnumSelect label={f('role')} values={PARTNER_ROLES} labelPrefix="partners:role" withAsterisk {...form.getInputProps('role')} />
              <TextInput label={f('countryRegion')} withAsterisk {...form.getInputProps('countryRegion')} />
              <EnumSelect label={f('sharingBasis')} values={SHARING_BASES} labelPrefix="partners:sharingBasis" withAsterisk {...form.getInputProps('sharingBasis')} />
              <TextInput label={f('contact')} {...form.getInputProps('contact')} />
              <ClauseSelect
                label={f('policyClause')}
                value={form.values.policyClause}
                onChange={(v) => form.setFieldValue('policyClause', v)}
                error={form.errors.policyClause}
              />
            </SimpleGrid>
            <Textarea mt="md" label={f('notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          </Fieldset>
          <ClauseText number={form.values.policyClause} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(existing ? `/partners/${existing.id}` : '/partners')}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
