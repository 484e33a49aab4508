import { Alert, Button, Group, Paper, SegmentedControl, SimpleGrid, Text, Textarea, TextInput, Title } from '@mantine/core';
import { Select } from '../../components/Select';
import { IconCopy, IconPrinter, IconSend } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { templateKinds, type Request, type TemplateKind } from '@shared/domain/requests';
import { defaultLetterFor } from '@shared/domain/letters';
import type { Language } from '@shared/domain/settings';
import { useCall, useWrite } from '../../api/hooks';
import { ApiError } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';

/** Templates that take the officer's reason, and those that name what was enclosed. */
const TAKES_REASON: readonly TemplateKind[] = ['extension', 'partial'];
const TAKES_ENCLOSED: readonly TemplateKind[] = ['completed', 'partial'];

function printText(text: string) {
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  document.body.appendChild(frame);
  const doc = frame.contentDocument!;
  const pre = doc.createElement('pre');
  pre.style.cssText = 'white-space: pre-wrap; font-family: serif; font-size: 12pt; margin: 2cm;';
  pre.textContent = text;
  doc.body.appendChild(pre);
  frame.contentWindow!.print();
  setTimeout(() => frame.remove(), 1000);
}

/**
 * The reply to the requester: the template the request's state calls for (another may be chosen),
 * filled from the request and the settings in either language, edited if need be, then copied or
 * printed and recorded on the timeline as sent.
 */
export function RequestLetters({ request }: { request: Request }) {
  const { t, i18n } = useTranslation();
  const suggested = defaultLetterFor(request);
  const [template, setTemplate] = useState<TemplateKind>(suggested);
  const [language, setLanguage] = useState<Language>(i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
  const [reason, setReason] = useState('');
  const [enclosed, setEnclosed] = useState('');
  // A step that changes the state (a refusal, an answer) changes the suggestion, and the choice follows it.
  useEffect(() => setTemplate(suggested), [suggested]);
  const [reasonTyped] = useDebouncedValue(reason, 300);
  const [enclosedTyped] = useDebouncedValue(enclosed, 300);
  const filled = useCall('requests:template', { id: request.id, template, language, reason: reasonTyped, enclosed: enclosedTyped });
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!filled.data) return;
    setSubject(filled.data.subject);
    setBody(filled.data.body);
    setErrors({});
  }, [filled.data]);
  const send = useWrite('requests:sendLetter');
  const kindName = (k: TemplateKind) => t(`requests:templates.kinds.${k}`);
  const text = `${subject}\n\n${body}`;
  const record = () =>
    send.mutate(
      { id: request.id, revision: request.revision, template, language, subject, body },
      {
        onSuccess: () => notifySuccess(t('requests:templates.sent', { kind: kindName(template) })),
        onError: (e) => {
          if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setErrors(e.fieldErrors);
          else notifyError(t, e);
        },
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="templates-title" data-testid="request-letters">
      <Title order={3} size="h5" id="templates-title" mb="sm">
        {t('requests:detail.templates')}
      </Title>
      <Text size="sm" mb="sm" data-testid="letter-suggested">
        {t('requests:templates.suggested', { kind: kindName(suggested) })}
      </Text>
      <Group align="flex-end" mb="sm">
        <Select
          label={t('requests:templates.template')}
          data={templateKinds.map((k) => ({ value: k, label: kindName(k) }))}
          value={template}
          allowDeselect={false}
          onChange={(v) => v && setTemplate(v as TemplateKind)}
          w={220}
        />
        <div>
          <Text size="sm" fw={500} mb={4} id="template-language">
            {t('requests:templates.language')}
          </Text>
          <SegmentedControl
            aria-labelledby="template-language"
            value={language}
            onChange={(v) => setLanguage(v as Language)}
            data={[
              { value: 'zh-CN', label: t('common:language.zh-CN') },
              { value: 'en', label: t('common:language.en') },
            ]}
          />
        </div>
      </Group>
      {(TAKES_REASON.includes(template) || TAKES_ENCLOSED.includes(template)) && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} mb="sm">
          {TAKES_REASON.includes(template) && (
            <Textarea label={t('requests:templates.reason')} description={t('requests:templates.reasonHint')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          )}
          {TAKES_ENCLOSED.includes(template) && (
            <Textarea label={t('requests:templates.enclosed')} description={t('requests:templates.enclosedHint')} autosize minRows={2} value={enclosed} onChange={(e) => setEnclosed(e.currentTarget.value)} />
          )}
        </SimpleGrid>
      )}
      {filled.error && (
        <Alert color="red" mb="sm">
          {filled.error.message}
        </Alert>
      )}
      {filled.data?.custom && (
        <Text size="xs" c="dimmed" mb="xs">
          {t('requests:templates.custom')}
        </Text>
      )}
      <TextInput label={t('requests:templates.subject')} value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} />
      <Textarea mt="sm" label={t('requests:templates.body')} value={body} onChange={(e) => setBody(e.currentTarget.value)} error={errors.body} autosize minRows={8} />
      <Group mt="sm" justify="flex-end">
        <Button
          variant="default"
          leftSection={<IconCopy size={16} />}
          onClick={() =>
            void navigator.clipboard.writeText(text).then(
              () => notifySuccess(t('requests:templates.copied')),
              (e: unknown) => notifyError(t, e),
            )
          }
        >
          {t('requests:templates.copy')}
        </Button>
        <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => printText(text)}>
          {t('requests:templates.print')}
        </Button>
        {!request.anonymisedAt && (
          <Button leftSection={<IconSend size={16} />} onClick={record} loading={send.isPending} disabled={!filled.data}>
            {t('requests:templates.send')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
