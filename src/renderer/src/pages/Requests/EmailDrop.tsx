import { Alert, List, Paper, Stack, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_ACCEPT, type EmailPrefill } from '@shared/domain/request-email';
import { call } from '../../api/client';
import { notifyError } from '../../components/notify';
import { readAsBase64 } from '../../components/files';

export interface TakenEmail {
  prefill: EmailPrefill;
  upload: { fileName: string; base64: string };
}

/** "Take in an email": a labelled file button that is also a drop zone for an .eml or .msg file. */
export function EmailDrop({ onTaken }: { onTaken: (email: TakenEmail) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = async (file: File | undefined) => {
    if (!file) return;
    try {
      const upload = { fileName: file.name, base64: await readAsBase64(file) };
      onTaken({ prefill: await call('requests:parseEmail', upload), upload });
    } catch (e) {
      notifyError(t, e);
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="email-drop"
      style={{ borderStyle: 'dashed', background: over ? 'var(--mantine-color-blue-light)' : undefined }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void take(e.dataTransfer.files[0]);
      }}
    >
      <label style={{ display: 'flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
        <IconMail size={20} aria-hidden />
        <Stack gap={0}>
          <Text fw={600} size="sm">
            {t('requests:email.take')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('requests:email.takeHint')}
          </Text>
        </Stack>
        <input
          ref={input}
          type="file"
          accept={EMAIL_ACCEPT}
          aria-label={t('requests:email.take')}
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
          onChange={(e) => void take(e.currentTarget.files?.[0])}
        />
      </label>
    </Paper>
  );
}

/** What the email filled in, and what the user should check. */
export function EmailNotes({ prefill }: { prefill: EmailPrefill }) {
  const { t } = useTranslation();
  const names = (files: Array<{ fileName: string }>) => files.map((f) => f.fileName).join(t('common:listSeparator'));
  const sender = prefill.sender.name ? `${prefill.sender.name} <${prefill.sender.address}>` : prefill.sender.address;
  return (
    <Alert color={prefill.duplicateOf ? 'orange' : 'blue'} role="status" data-testid="email-notes" title={t('requests:email.filled', { sender })}>
      <List size="sm" spacing={2}>
        {prefill.duplicateOf && <List.Item data-testid="email-duplicate">{t('requests:email.duplicate', { reference: prefill.duplicateOf.reference })}</List.Item>}
        {prefill.receivedAtFallback && <List.Item>{t(`requests:email.dateFallback_${prefill.receivedAtFallback}`)}</List.Item>}
        {prefill.kindKeyword && <List.Item>{t('requests:email.kindSuggested', { keyword: prefill.kindKeyword })}</List.Item>}
        {prefill.detailsTruncated && <List.Item>{t('requests:email.truncated')}</List.Item>}
        <List.Item data-testid="email-kept">{t('requests:email.kept', { files: names([prefill.original, ...prefill.attachments]) })}</List.Item>
        {prefill.skippedAttachments.length > 0 && <List.Item>{t('requests:email.skipped', { files: names(prefill.skippedAttachments) })}</List.Item>}
      </List>
    </Alert>
  );
}
