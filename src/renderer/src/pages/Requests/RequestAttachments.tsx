import { Button, Paper, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { RequestAttachment } from '@shared/domain/request-email';
import { useCall } from '../../api/hooks';
import { call } from '../../api/client';
import { notifyError } from '../../components/notify';
import { saveDownload } from '../../components/files';
import { formatBytes } from '../../components/download';
import { ListFailed } from '../../components/RegisterList';
import { unread } from '../../components/Loaded';

/** The files kept with a request (the email it came as, its attachments), each downloadable. */
export function RequestAttachments({ id }: { id: number }) {
  const { t, i18n } = useTranslation();
  const files = useCall('requests:attachments', { id });
  const download = async (file: RequestAttachment) => {
    try {
      const doc = await call('requests:downloadAttachment', { id: file.id });
      saveDownload(doc.fileName, doc.mimeType, doc.base64);
    } catch (e) {
      notifyError(t, e);
    }
  };
  const items = files.data ?? [];
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="request-attachments">
      <Title order={3} size="h5" id="request-attachments" mb="sm">
        {t('requests:email.attachments')}
      </Title>
      {unread(files) ? (
        <ListFailed read={files} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('requests:email.noAttachments')}
        </Text>
      ) : (
        <Table data-testid="request-attachments">
          <Table.Tbody>
            {items.map((file) => (
              <Table.Tr key={file.id}>
                <Table.Td>{t(`requests:email.kind_${file.kind}`)}</Table.Td>
                <Table.Td>{file.fileName}</Table.Td>
                <Table.Td>{formatBytes(file.size, i18n.language)}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconDownload size={14} aria-hidden />}
                    aria-label={t('requests:email.download', { name: file.fileName })}
                    onClick={() => void download(file)}
                  >
                    {t('requests:email.downloadShort')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
