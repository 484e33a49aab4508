import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Switch, Textarea, TextInput, Title } from '@mantine/core';
import { ChangedElsewhere, useEditBase } from '../../components/EditBase';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { AGREEMENT_KINDS, ART21_CLAUSES, agreementInput, emptyAgreement, type Agreement, type AgreementValues, type Art21Clause } from '@shared/domain/agreements';
import { useCall, useWrite } from '../../api/hooks';
import { ClauseSelect } from '../../components/ClauseSelect';
import { EnumSelect } from '../../components/EnumSelect';
import { RecordSelect } from '../../components/RecordSelect';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { Loaded } from '../../components/Loaded';
import { DateField } from '../../components/DateFields';

type FormValues = ReturnType<typeof emptyAgreement>;

function valuesOf(a: Agreement): FormValues {
  const { id: _i, revision: _r, status: _s, createdAt: _c, updatedAt: _u, partnerName: _p, document: _d, ...values } = a;
  return values;
}

export function AgreementEditPage() {
  const { id } = useParams();
  const agreementId = id ? Number(id) : null;
  const existing = useCall('agreements:get', { id: agreementId ?? 0 }, { enabled: agreementId !== null });
  if (agreementId === null) return <Editor key="new" existing={null} />;
  return <Loaded query={existing}>{(agreement) => <Editor key={agreement.id} existing={agreement} />}</Loaded>;
}

function Editor({ existing }: { existing: Agreement | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetPartner = params.get('partner') ? Number(params.get('partner')) : null;
  const edit = useEditBase(existing);
  const form = useSchemaForm<FormValues, typeof agreementInput>(agreementInput, existing ? valuesOf(existing) : emptyAgreement(presetPartner));
  const create = useWrite('agreements:create');
  const update = useWrite('agreements:update');
  const f = (name: string) => t(`agreements:fields.${name}`);
  const date = (name: 'signedOn' | 'effectiveFrom' | 'expiresOn') => ({
    value: form.values[name] ?? '',
    onChange: (value: string) => form.setFieldValue(name, value || null),
    error: form.errors[name],
  });
  const submit = (parsed: AgreementValues) => {
    const onError = (error: unknown) => {
      if (!showServerErrors(form, error)) notifyError(t, error);
    };
    const onSuccess = (saved: Agreement) => {
      notifySuccess(t(existing ? 'agreements:updated' : 'agreements:created', { reference: saved.referenceNo }));
      navigate(`/agreements/${saved.id}`);
    };
    if (existing) update.mutate({ ...parsed, id: existing.id, revision: edit.revision ?? existing.revision }, { onSuccess, onError });
    else create.mutate(parsed, { onSuccess, onError });
  };
  return (
    <Stack maw={1000}>
      <Title order={2}>{existing ? t('agreements:editTitle', { reference: existing.referenceNo }) : t('agreements:createTitle')}</Title>
      <ChangedElsewhere show={edit.changedElsewhere} />
      <form onSubmit={form.submitParsed(submit)} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('agreements:sections.parties')}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <RecordSelect kind="partners" label={f('partnerId')} value={form.values.partnerId} onChange={(v) => form.setFieldValue('partnerId', v)} error={form.errors.partnerId} withAsterisk />
              <EnumSelect label={f('kind')} values={AGREEMENT_KINDS} labelPrefix="agreements:kind" withAsterisk {...form.getInputProps('kind')} />
              <TextInput label={f('referenceNo')} withAsterisk {...form.getInputProps('referenceNo')} />
              <ClauseSelect label={f('policyClause')} value={form.values.policyClause} onChange={(v) => form.setFieldValue('policyClause', v)} error={form.errors.policyClause} />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend={t('agreements:sections.term')}>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <DateField label={f('signedOn')} {...date('signedOn')} />
              <DateField label={f('effectiveFrom')} description={t('agreements:hints.effectiveFrom')} {...date('effectiveFrom')} />
              <DateField label={f('expiresOn')} description={t('agreements:hints.expiresOn')} {...date('expiresOn')} />
            </SimpleGrid>
            <Group mt="md">
              <Switch label={f('autoRenews')} {...form.getInputProps('autoRenews', { type: 'checkbox' })} />
              <Switch label={f('terminated')} {...form.getInputProps('terminated', { type: 'checkbox' })} />
            </Group>
          </Fieldset>
          <Fieldset legend={f('checklist')}>
            <Checkbox.Group value={form.values.checklist} onChange={(v) => form.setFieldValue('checklist', v as Art21Clause[])} aria-label={f('checklist')}>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
                {ART21_CLAUSES.map((c) => (
                  <Checkbox key={c} value={c} label={t(`agreements:art21.${c}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
            <Textarea mt="md" label={f('notes')} autosize minRows={2} {...form.getInputProps('notes')} />
          </Fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(existing ? `/agreements/${existing.id}` : '/agreements')}>
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
