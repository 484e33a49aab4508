import { Anchor, Button, FileInput, Grid, Group, List, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconDownload, IconExternalLink, IconPaperclip, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ART21_CLAUSES, DOCUMENT_ACCEPT, MAX_DOCUMENT_BYTES, type Agreement } from '@shared/domain/agreements';
import { ApiError, call } from '../../api/client';
import { useCall, useWrite } from '../../api/hooks';
import { AuditHistory } from '../../components/AuditHistory';
import { ClauseText } from '../../components/ClauseText';
import { DetailField } from '../../components/DetailField';
import { useDayFormat, useZonedFormat } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { AgreementStatusBadge } from './AgreementStatusBadge';
import { DeleteAction, EditAction, RecordHeader } from '../../components/RecordActions';
import { Loaded } from '../../components/Loaded';
import { readAsBase64, saveDownload } from '../../components/files';
import { Allowed } from '../../app/session';

export function AgreementDetailPage() {
  const { id } = useParams();
  const query = useCall('agreements:get', { id: Number(id) });
  return <Loaded query={query}>{(agreement) => <Detail agreement={agreement} />}</Loaded>;
}

function DocumentPanel({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const info = useCall('app:info', {});
  const attach = useWrite('agreements:attach');
  const detach = useWrite('agreements:detach');
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const maxMb = Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024);
  const upload = async () => {
    if (!file) return;
    setError(null);
    const base64 = await readAsBase64(file);
    attach.mutate(
      { id: a.id, revision: a.revision, fileName: file.name, mimeType: file.type || 'application/octet-stream', base64 },
      {
        onSuccess: () => {
          setFile(null);
          notifySuccess(t('agreements:document.attached', { name: file.name }));
        },
        onError: (e) => {
          if (e instanceof ApiError && e.fieldErrors.document) setError(e.fieldErrors.document);
          else notifyError(t, e);
        },
      },
    );
  };
  const download = async () => {
    try {
      const doc = await call('agreements:download', { id: a.id });
      saveDownload(doc.fileName, doc.mimeType, doc.base64);
    } catch (e) {
      notifyError(t, e);
    }
  };
  const open = async () => {
    try {
      const { opened } = await call('agreements:open', { id: a.id });
      if (!opened) {
        notifySuccess(t('agreements:document.notOpened'));
        await download();
      }
    } catch (e) {
      notifyError(t, e);
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="agreement-document">
      <Title order={3} size="h5" id="agreement-document" mb="sm">
        {t('agreements:fields.document')}
      </Title>
      {a.document ? (
        <Group justify="space-between" mb="md">
          <Group gap="xs">
            <IconPaperclip size={16} aria-hidden />
            <Text size="sm" data-testid="document-name">
              {a.document.fileName}
            </Text>
            <Text size="xs" c="dimmed">
              {t('agreements:document.size', { size: Math.max(1, Math.round(a.document.size / 1024)) })}
            </Text>
          </Group>
          <Group gap="xs">
            {info.data?.host === 'electron' && (
              <Button size="xs" variant="light" leftSection={<IconExternalLink size={14} />} onClick={open} aria-label={t('agreements:document.open', { name: a.document.fileName })}>
                {t('agreements:document.openShort')}
              </Button>
            )}
            <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={download} aria-label={t('agreements:document.download', { name: a.document.fileName })}>
              {t('agreements:document.downloadShort')}
            </Button>
            <Allowed channel="agreements:detach">
              <Button size="xs" variant="subtle" color="red" onClick={() => detach.mutate({ id: a.id, revision: a.revision }, { onSuccess: () => notifySuccess(t('agreements:document.removed')), onError: (e) => notifyError(t, e) })}>
                {t('agreements:document.remove')}
              </Button>
            </Allowed>
          </Group>
        </Group>
      ) : (
        <Text size="sm" c="dimmed" mb="md">
          {t('agreements:document.none')}
        </Text>
      )}
      <Allowed channel="agreements:attach">
      <Group align="flex-end">
        <FileInput
          label={a.document ? t('agreements:document.replace') : t('agreements:document.choose')}
          description={t('agreements:document.maxSize', { size: maxMb })}
          value={file}
          onChange={(f) => {
            setError(null);
            setFile(f);
          }}
          error={error}
          clearable
          w={340}
          accept={DOCUMENT_ACCEPT}
        />
        <Button onClick={upload} disabled={!file} loading={attach.isPending}>
          {t('agreements:document.attach')}
        </Button>
      </Group>
      </Allowed>
    </Paper>
  );
}

function Detail({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const formatWhen = useZonedFormat();
  const remove = useWrite('agreements:delete');
  const f = (name: string) => t(`agreements:fields.${name}`);
  return (
    <Stack>
      <RecordHeader
        title={a.referenceNo}
        badges={
          <>
            <AgreementStatusBadge agreement={a} />
            <Text size="sm">{t(`agreements:kind.${a.kind}`)}</Text>
          </>
        }
        back="/agreements"
      >
        <EditAction channel="agreements:update" to={`/agreements/${a.id}/edit`} />
        <DeleteAction
          words={{ ns: 'agreements', params: { reference: a.referenceNo } }}
          onDelete={() => remove.mutateAsync({ id: a.id, revision: a.revision })}
          afterDelete="/agreements"
        />
      </RecordHeader>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack>
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="md" verticalSpacing="md" m={0}>
                <DetailField label={f('partnerId')}>
                  <Anchor component={Link} to={`/partners/${a.partnerId}`} size="sm">
                    {a.partnerName}
                  </Anchor>
                </DetailField>
                <DetailField label={f('status')}>{t(`agreements:status.${a.status}`)}</DetailField>
                <DetailField label={f('signedOn')}>{a.signedOn ? day(a.signedOn) : t('common:none')}</DetailField>
                <DetailField label={f('effectiveFrom')}>{a.effectiveFrom || a.signedOn ? day(a.effectiveFrom ?? a.signedOn) : t('common:none')}</DetailField>
                <DetailField label={f('expiresOn')}>{a.expiresOn ? day(a.expiresOn) : t('agreements:openEnded')}</DetailField>
                <DetailField label={f('autoRenews')}>{t(a.autoRenews ? 'common:yes' : 'common:no')}</DetailField>
                <DetailField label={f('policyClause')}>{a.policyClause || t('common:none')}</DetailField>
                <DetailField label={f('updatedAt')}>{formatWhen(a.updatedAt)}</DetailField>
              </SimpleGrid>
              <Title order={3} size="h6" mt="md" mb="xs">
                {f('checklist')} — {t('agreements:checklistSummary', { done: a.checklist.length, total: ART21_CLAUSES.length })}
              </Title>
              <List spacing={2} size="sm" center>
                {ART21_CLAUSES.map((c) => {
                  const done = a.checklist.includes(c);
                  return (
                    <List.Item
                      key={c}
                      icon={
                        <ThemeIcon size={18} radius="xl" color={done ? 'teal' : 'gray'} variant={done ? 'filled' : 'light'}>
                          {done ? <IconCheck size={12} aria-label={t('common:yes')} /> : <IconX size={12} aria-label={t('common:no')} />}
                        </ThemeIcon>
                      }
                    >
                      {t(`agreements:art21.${c}`)}
                    </List.Item>
                  );
                })}
              </List>
              {a.notes && (
                <Stack mt="md" component="dl" m={0}>
                  <DetailField label={f('notes')}>{a.notes}</DetailField>
                </Stack>
              )}
            </Paper>
            <DocumentPanel agreement={a} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack>
            <ClauseText number={a.policyClause} />
            <AuditHistory entity="agreement" entityId={a.id} fieldPrefix="agreements:fields" />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
