import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  CATEGORY_STAGES,
  COLLECTION_METHODS,
  CROSS_BORDER_MECHANISMS,
  LEGAL_BASES,
  SENSITIVE_KINDS,
  STORAGE_LOCATIONS,
  SUBJECT_TYPES,
  type CategoryValues,
} from '@shared/domain/categories';
import { ClauseSelect } from '../../components/ClauseSelect';
import { EnumSelect } from '../../components/EnumSelect';

interface Props {
  form: UseFormReturnType<CategoryValues>;
  onSubmit: (values: CategoryValues) => void;
  onCancel: () => void;
  saving: boolean;
}

/** Every field of a collection category, grouped as a privacy officer reads them. */
export function CategoryForm({ form, onSubmit, onCancel, saving }: Props) {
  const { t } = useTranslation();
  const f = (name: string) => t(`categories:fields.${name}`);
  const values = form.values;

  return (
    <form onSubmit={form.onSubmit(onSubmit)} noValidate>
      <Stack gap="lg">
        <Fieldset legend={t('categories:sections.what')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={f('code')} description={t('categories:hints.code')} withAsterisk {...form.getInputProps('code')} />
            <TextInput label={f('name')} withAsterisk {...form.getInputProps('name')} />
            <EnumSelect label={f('stage')} values={CATEGORY_STAGES} labelPrefix="categories:stage" withAsterisk {...form.getInputProps('stage')} />
            <EnumSelect label={f('subjectType')} values={SUBJECT_TYPES} labelPrefix="categories:subjectType" withAsterisk {...form.getInputProps('subjectType')} />
          </SimpleGrid>
          <TagsInput
            mt="md"
            label={f('dataItems')}
            description={t('categories:hints.dataItems')}
            withAsterisk
            clearable={false}
            splitChars={[',', '，', '、', ';', '；']}
            {...form.getInputProps('dataItems')}
          />
          <Textarea mt="md" label={f('purposes')} withAsterisk autosize minRows={2} {...form.getInputProps('purposes')} />
        </Fieldset>

        <Fieldset legend={t('categories:sections.basis')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <EnumSelect label={f('legalBasis')} values={LEGAL_BASES} labelPrefix="categories:legalBasis" withAsterisk {...form.getInputProps('legalBasis')} />
            <EnumSelect
              label={f('collectionMethod')}
              values={COLLECTION_METHODS}
              labelPrefix="categories:collectionMethod"
              withAsterisk
              {...form.getInputProps('collectionMethod')}
            />
          </SimpleGrid>
          <Stack mt="md" gap="sm">
            <Switch
              label={f('sensitive')}
              {...form.getInputProps('sensitive', { type: 'checkbox' })}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                form.setFieldValue('sensitive', on);
                if (!on) {
                  form.setFieldValue('sensitiveKind', null);
                  form.setFieldValue('separateConsent', false);
                }
              }}
            />
            {values.sensitive && (
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                <EnumSelect
                  label={f('sensitiveKind')}
                  values={SENSITIVE_KINDS}
                  labelPrefix="categories:sensitiveKind"
                  withAsterisk
                  {...form.getInputProps('sensitiveKind')}
                />
                <Checkbox mt={30} label={f('separateConsent')} {...form.getInputProps('separateConsent', { type: 'checkbox' })} />
              </SimpleGrid>
            )}
            <Checkbox label={f('guardianConsent')} {...form.getInputProps('guardianConsent', { type: 'checkbox' })} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('categories:sections.keeping')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <TextInput label={f('retention')} description={t('categories:hints.retention')} {...form.getInputProps('retention')} />
            <NumberInput
              label={f('retentionDays')}
              description={t('categories:hints.retentionDays')}
              min={1}
              max={36500}
              allowDecimal={false}
              {...form.getInputProps('retentionDays')}
              value={values.retentionDays ?? ''}
              onChange={(v) => form.setFieldValue('retentionDays', v === '' ? null : Number(v))}
            />
            <EnumSelect
              label={f('storageLocation')}
              values={STORAGE_LOCATIONS}
              labelPrefix="categories:storageLocation"
              withAsterisk
              {...form.getInputProps('storageLocation')}
              onChange={(v) => {
                form.setFieldValue('storageLocation', v ?? 'domestic');
                if (v === 'domestic') form.setFieldValue('crossBorderMechanism', 'none');
              }}
            />
            <EnumSelect
              label={f('crossBorderMechanism')}
              values={CROSS_BORDER_MECHANISMS}
              labelPrefix="categories:crossBorderMechanism"
              disabled={values.storageLocation === 'domestic'}
              {...form.getInputProps('crossBorderMechanism')}
            />
          </SimpleGrid>
        </Fieldset>

        <Fieldset legend={t('categories:sections.policy')}>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <ClauseSelect
              label={f('policyClause')}
              description={t('categories:hints.policyClause')}
              value={form.values.policyClause}
              onChange={(v) => form.setFieldValue('policyClause', v)}
              error={form.errors.policyClause}
            />
          </SimpleGrid>
          <Textarea mt="md" label={f('notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('common:actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
