import { Badge, Button, Group, Paper, SegmentedControl, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterColumns, RegisterField } from '@shared/domain/import-mapping';
import { call } from '../../api/client';
import { downloadFile } from '../../components/download';
import { notifyError } from '../../components/notify';

/** What a field takes, in words: its values' labels, or its kind of value. */
export function acceptedValues(t: (key: string) => string, field: RegisterField): string {
  if (field.type === 'enum' && field.values) return field.values.map((v) => t(`${field.labelPrefix}.${v}`)).join(t('reports:mapping.listJoin'));
  return t(`reports:mapping.types.${field.type}`);
}

/** For each register, before any file is chosen: the columns it takes (required marked, accepted values) and its templates. */
export function RegisterGuide() {
  const { t, i18n } = useTranslation();
  const registers = useQuery({ queryKey: ['transfer:registers', {}], queryFn: () => call('transfer:registers', {}), staleTime: Infinity });
  const [language, setLanguage] = useState<'zh-CN' | 'en'>(i18n.language === 'en' ? 'en' : 'zh-CN');

  const template = async (register: RegisterColumns['register'], format: 'xlsx' | 'csv') => {
    try {
      downloadFile(await call('transfer:template', { register, language, format }));
    } catch (error) {
      notifyError(t, error);
    }
  };

  if (!registers.data) return null;
  return (
    <Paper withBorder p="md">
      <Stack>
        <div>
          <Title order={3} size="h4">
            {t('reports:mapping.registersTitle')}
          </Title>
          <Text size="sm">{t('reports:mapping.registersIntro')}</Text>
        </div>
        <Tabs defaultValue={registers.data[0]!.register} keepMounted={false}>
          <Tabs.List>
            {registers.data.map((r) => (
              <Tabs.Tab key={r.register} value={r.register}>
                {t(r.title)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {registers.data.map((r) => (
            <Tabs.Panel key={r.register} value={r.register} pt="sm">
              <Stack gap="sm">
                <Group gap="sm" align="center">
                  <Text size="sm" fw={500} id={`template-language-${r.register}`}>
                    {t('reports:mapping.templateLanguage')}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    aria-labelledby={`template-language-${r.register}`}
                    value={language}
                    onChange={(v) => setLanguage(v as 'zh-CN' | 'en')}
                    data={[
                      { value: 'zh-CN', label: '中文' },
                      { value: 'en', label: 'English' },
                    ]}
                  />
                  <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => void template(r.register, 'xlsx')}>
                    {t('reports:mapping.templateXlsx')}
                  </Button>
                  <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => void template(r.register, 'csv')}>
                    {t('reports:mapping.templateCsv')}
                  </Button>
                </Group>
                <Table.ScrollContainer minWidth={700}>
                  <Table striped aria-label={t(r.title)}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t('reports:mapping.field')}</Table.Th>
                        <Table.Th w={110}>{t('reports:mapping.required')}</Table.Th>
                        <Table.Th>{t('reports:mapping.accepted')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {r.fields.map((f) => (
                        <Table.Tr key={f.key}>
                          <Table.Td>
                            {t(f.header)}
                            {f.mappingOnly && (
                              <Text size="xs" c="dimmed">
                                {t('reports:mapping.onlyMapping')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>
                            {f.required ? (
                              <Badge color="red" variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
                                {t('reports:mapping.required')}
                              </Badge>
                            ) : (
                              <Text size="sm">{t('reports:mapping.optional')}</Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{acceptedValues(t, f)}</Text>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              </Stack>
            </Tabs.Panel>
          ))}
        </Tabs>
      </Stack>
    </Paper>
  );
}
