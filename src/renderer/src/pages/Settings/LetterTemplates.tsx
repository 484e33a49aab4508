import { Badge, Button, Code, Fieldset, Group, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { Select } from '../../components/Select';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateKinds, type LetterTemplate, type TemplateKind } from '@shared/domain/requests';
import { LETTER_PLACEHOLDERS } from '@shared/domain/letters';
import type { Language } from '@shared/domain/settings';
import { useCall, useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { ConfirmModal } from '../../components/ConfirmModal';
import { notifyError, notifySuccess } from '../../components/notify';
import { useZonedFormat } from '../../components/format';

/**
 * The wording of each reply in each language, edited by the officer: saved in the register (audited)
 * and used for every reply filled in afterwards; reset brings back the shipped wording.
 */
export function LetterTemplates() {
  const { t, i18n } = useTranslation();
  const fmt = useZonedFormat();
  const list = useCall('requests:letterTemplates', {});
  const [kind, setKind] = useState<TemplateKind>('acknowledgement');
  const [language, setLanguage] = useState<Language>(i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
  const current: LetterTemplate | undefined = list.data?.find((x) => x.kind === kind && x.language === language);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [confirmReset, setConfirmReset] = useState(false);
  useEffect(() => {
    setSubject(current?.subject ?? '');
    setBody(current?.body ?? '');
    setErrors({});
  }, [current?.subject, current?.body, kind, language]);
  const save = useWrite('requests:saveLetterTemplate');
  const reset = useWrite('requests:resetLetterTemplate');
  const names = { kind: t(`requests:templates.kinds.${kind}`), language: t(`common:language.${language}`) };
  const onError = (e: Error) => {
    if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setErrors(e.fieldErrors);
    else notifyError(t, e);
  };
  return (
    <Fieldset legend={t('requests:letters.title')} data-testid="letter-templates">
      <Stack gap="sm">
        <Text size="sm">{t('requests:letters.intro')}</Text>
        <Group align="flex-end">
          <Select
            label={t('requests:letters.kind')}
            data={templateKinds.map((k) => ({ value: k, label: t(`requests:templates.kinds.${k}`) }))}
            value={kind}
            allowDeselect={false}
            onChange={(v) => v && setKind(v as TemplateKind)}
            w={220}
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="letter-template-language">
              {t('requests:letters.language')}
            </Text>
            <SegmentedControl
              aria-labelledby="letter-template-language"
              value={language}
              onChange={(v) => setLanguage(v as Language)}
              data={[
                { value: 'zh-CN', label: t('common:language.zh-CN') },
                { value: 'en', label: t('common:language.en') },
              ]}
            />
          </div>
          {current && (
            <Badge variant="light" color={current.custom ? 'blue' : 'gray'} mb={6}>
              {current.custom && current.updatedAt ? t('requests:letters.isCustom', { date: fmt(current.updatedAt) }) : t('requests:letters.isDefault')}
            </Badge>
          )}
        </Group>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ kind, language, subject, body }, { onSuccess: () => notifySuccess(t('requests:letters.saved', names)), onError });
          }}
        >
          <Stack gap="sm">
            <TextInput label={t('requests:letters.subject')} withAsterisk value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} />
            <Textarea label={t('requests:letters.body')} withAsterisk autosize minRows={8} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.body} />
            <Group justify="flex-end">
              <Button variant="default" disabled={!current?.custom} onClick={() => setConfirmReset(true)}>
                {t('requests:letters.reset')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('requests:letters.save')}
              </Button>
            </Group>
          </Stack>
        </form>
        <div>
          <Text size="sm" fw={500} mb={4} id="letter-placeholders">
            {t('requests:letters.placeholders')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={4} verticalSpacing={2} component="dl" m={0} aria-labelledby="letter-placeholders">
            {LETTER_PLACEHOLDERS.map((p) => (
              <Group key={p} gap={6} wrap="nowrap">
                <Code component="dt" style={{ flexShrink: 0, overflow: 'visible' }}>{`{{${p}}}`}</Code>
                <Text size="sm" component="dd" m={0}>
                  {t(`requests:letters.placeholder.${p}`)}
                </Text>
              </Group>
            ))}
          </SimpleGrid>
        </div>
      </Stack>
      <ConfirmModal
        opened={confirmReset}
        title={t('requests:letters.reset')}
        body={t('requests:letters.resetConfirm', names)}
        action={t('requests:letters.reset')}
        loading={reset.isPending}
        onClose={() => setConfirmReset(false)}
        onConfirm={() =>
          reset.mutate(
            { kind, language },
            {
              onSuccess: () => {
                setConfirmReset(false);
                notifySuccess(t('requests:letters.resetDone', names));
              },
              onError: (e) => notifyError(t, e),
            },
          )
        }
      />
    </Fieldset>
  );
}
