import { ActionIcon, Button, Checkbox, Fieldset, Group, MultiSelect, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { ChangedElsewhere, useEditBase } from '../../components/EditBase';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { REVIEW_RESULTS, SDK_CHECKLIST, reviewInput, type ReviewResult, type ReviewValues, type Sdk, type SdkCheck, type SdkReview } from '@shared/domain/sdks';
import { useCall, useWrite } from '../../api/hooks';
import { EnumSelect } from '../../components/EnumSelect';
import { notifyError, notifySuccess } from '../../components/notify';
import { showServerErrors, useSchemaForm } from '../../components/useSchemaForm';
import { Loaded } from '../../components/Loaded';
import { DateField } from '../../components/DateFields';
import { localDateOf } from '@shared/time';

interface FormValues {
  [key: string]: unknown;
  sdkId: number;
  version: string;
  categoryIds: number[];
  permissions: { name: string; required: boolean; purpose: string }[];
  checklist: SdkCheck[];
  reviewer: string;
  reviewedOn: string;
  result: ReviewResult | null;
  findings: string;
  nextReviewDue: string | null;
}

/** `/sdks/:id/reviews/new` (a new review, of a new version or the same one) and `/sdks/:id/reviews/:reviewId`. */
export function ReviewEditPage() {
  const { id, reviewId } = useParams();
  const sdk = useCall('sdks:get', { id: Number(id) });
  return (
    <Loaded query={sdk}>
      {(loaded) => {
        const existing = reviewId ? (loaded.reviews.find((r) => r.id === Number(reviewId)) ?? null) : null;
        return <Editor key={existing?.id ?? 'new'} sdk={loaded} existing={existing} />;
      }}
    </Loaded>
  );
}

function Editor({ sdk, existing }: { sdk: Sdk; existing: SdkReview | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // Today on the organisation's clock (Settings), not this computer's, and never UTC's.
  const settings = useCall('settings:get', {});
  const today = localDateOf(new Date(), settings.data?.timeZone ?? 'Asia/Shanghai');
  const last = sdk.reviews[0];
  const edit = useEditBase(existing);
  // Only the review's own fields: the strict schema refuses the stored id, revision and times.
  const initial: FormValues = existing
    ? {
        sdkId: existing.sdkId,
        version: existing.version,
        categoryIds: existing.categoryIds,
        permissions: existing.permissions,
        checklist: existing.checklist,
        reviewer: existing.reviewer,
        reviewedOn: existing.reviewedOn,
        result: existing.result,
        findings: existing.findings,
        nextReviewDue: existing.nextReviewDue,
      }
    : {
        sdkId: sdk.id,
        version: '',
        categoryIds: last?.categoryIds ?? [],
        permissions: last?.permissions ?? [],
        checklist: [],
        reviewer: '',
        reviewedOn: today,
        result: null,
        findings: '',
        nextReviewDue: null,
      };
  const form = useSchemaForm<FormValues, typeof reviewInput>(reviewInput, initial);
  const categories = useCall('categories:list', { pageSize: 200, status: 'active' });
  const add = useWrite('sdks:addReview');
  const update = useWrite('sdks:updateReview');
  const f = (name: string) => t(`sdks:fields.${name}`);
  const submit = (parsed: ReviewValues) => {
    const onError = (error: unknown) => {
      if (!showServerErrors(form, error)) notifyError(t, error);
    };
    const onSuccess = (saved: SdkReview) => {
      notifySuccess(t('sdks:reviewSaved', { name: sdk.name, version: saved.version }));
      navigate(`/sdks/${sdk.id}`);
    };
    if (existing) update.mutate({ ...parsed, id: existing.id, revision: edit.revision ?? existing.revision }, { onSuccess, onError });
    else add.mutate(parsed, { onSuccess, onError });
  };
  const date = (name: 'reviewedOn' | 'nextReviewDue') => ({
    value: form.values[name] ?? '',
    // The review's day is required (empty until picked); the next review's is optional (null).
    onChange: (value: string) => (name === 'reviewedOn' ? form.setFieldValue(name, value) : form.setFieldValue(name, value || null)),
    error: form.errors[name],
  });
  return (
    <Stack maw={1000}>
      <Title order={2}>{t('sdks:reviewTitle', { name: sdk.name })}</Title>
      <ChangedElsewhere show={edit.changedElsewhere} />
      <form onSubmit={form.submitParsed(submit)} noValidate>
        <Stack gap="lg">
          <Fieldset legend={t('sdks:sections.review')}>
            <SimpleGrid cols={{ base: 1, md: 3 }}>
              <TextInput label={f('version')} withAsterisk {...form.getInputProps('version')} />
              <TextInput label={f('reviewer')} withAsterisk {...form.getInputProps('reviewer')} />
              <DateField label={f('reviewedOn')} withAsterisk {...date('reviewedOn')} />
              <EnumSelect label={f('result')} values={REVIEW_RESULTS} labelPrefix="sdks:result" withAsterisk value={form.values.result} onChange={(v) => form.setFieldValue('result', v)} error={form.errors.result} />
              <DateField label={f('nextReviewDue')} {...date('nextReviewDue')} />
            </SimpleGrid>
            <Textarea mt="md" label={f('findings')} autosize minRows={2} {...form.getInputProps('findings')} />
          </Fieldset>
          <Fieldset legend={t('sdks:sections.collection')}>
            <MultiSelect
              label={f('categoryIds')}
              data={(categories.data?.items ?? []).map((c) => ({ value: String(c.id), label: `${c.code} · ${c.name}` }))}
              value={form.values.categoryIds.map(String)}
              onChange={(v) => form.setFieldValue('categoryIds', v.map(Number))}
              searchable
              error={form.errors.categoryIds}
            />
            <Text size="sm" fw={500} mt="md" mb={4}>
              {f('permissions')}
            </Text>
            <Stack gap="xs">
              {form.values.permissions.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t('common:none')}
                </Text>
              )}
              {form.values.permissions.map((_p, index) => (
                <Group key={index} align="flex-end" wrap="nowrap">
                  <TextInput label={`${f('permissionName')} ${index + 1}`} withAsterisk w={240} {...form.getInputProps(`permissions.${index}.name`)} />
                  <Checkbox mb={8} label={f('permissionRequired')} {...form.getInputProps(`permissions.${index}.required`, { type: 'checkbox' })} />
                  <TextInput label={`${f('permissionPurpose')} ${index + 1}`} withAsterisk style={{ flex: 1 }} {...form.getInputProps(`permissions.${index}.purpose`)} />
                  <ActionIcon variant="subtle" color="red" mb={4} aria-label={t('sdks:removePermission', { index: index + 1 })} onClick={() => form.removeListItem('permissions', index)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('permissions', { name: '', required: false, purpose: '' })}>
                  {t('sdks:addPermission')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Fieldset legend={f('checklist')}>
            <Checkbox.Group value={form.values.checklist} onChange={(v) => form.setFieldValue('checklist', v as SdkCheck[])} aria-label={f('checklist')}>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
                {SDK_CHECKLIST.map((c) => (
                  <Checkbox key={c} value={c} label={t(`sdks:check.${c}`)} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </Fieldset>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => navigate(`/sdks/${sdk.id}`)}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending || update.isPending}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
