import { Alert, Badge, Button, FileButton, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Select } from '../../components/Select';
import { IconDeviceFloppy, IconDownload, IconFileUpload, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_REGISTERS, type ImportMapping, type ImportRegister, type InspectResult, type RegisterField } from '@shared/domain/import-mapping';
import { FLOW_METHODS, PARTNER_ROLES, SHARING_BASES } from '@shared/domain/partners';
import { splitCell, splitterOf } from '@shared/import-split';
import { call } from '../../api/client';
import { downloadFile } from '../../components/download';
import { notifyError, notifySuccess } from '../../components/notify';

/** A text as base64 of its UTF-8 bytes, for a download. */
function utf8Base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

interface MappingDialogProps {
  opened: boolean;
  file: { fileName: string; base64: string };
  /** The mapping in use, if any: the dialog starts from it. */
  current: ImportMapping | null;
  onClose(): void;
  onApply(mapping: ImportMapping): void;
}

/** The values of a column as the dialog lists them: each cell, or its parts when the whole is not mapped. */
function sourceValues(values: string[], mapped: Record<string, string>, separators: string): string[] {
  const split = splitterOf(separators);
  const out = new Set<string>(Object.keys(mapped));
  for (const v of values) {
    if (v in mapped) continue;
    const parts = splitCell(v, split);
    for (const p of parts.length > 1 ? parts : [v]) out.add(p);
    if (out.size >= 100) break;
  }
  return [...out];
}

/** Choose which source column feeds which field, what source values mean, defaults, and save the mapping by name. */
export function MappingDialog({ opened, file, current, onClose, onApply }: MappingDialogProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const registers = useQuery({ queryKey: ['transfer:registers', {}], queryFn: () => call('transfer:registers', {}), staleTime: Infinity });
  const saved = useQuery({ queryKey: ['transfer:mappings', {}], queryFn: () => call('transfer:mappings', {}), enabled: opened });
  const [inspected, setInspected] = useState<InspectResult | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [busy, setBusy] = useState(false);

  const inspect = async (register?: ImportRegister, sheet?: string) => {
    setBusy(true);
    try {
      const result = await call('transfer:inspect', { ...file, ...(register ? { register } : {}), ...(sheet !== undefined ? { sheet } : {}) });
      setInspected(result);
      return result;
    } catch (error) {
      notifyError(t, error);
      return null;
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!opened) return;
    void inspect(current?.register, current?.sheet || undefined).then((result) => {
      if (result) setMapping(current ?? result.suggestion);
    });
    // Opened anew for each file.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, file.fileName]);

  const fields: RegisterField[] = useMemo(() => registers.data?.find((r) => r.register === mapping?.register)?.fields ?? [], [registers.data, mapping?.register]);
  const sheet = inspected?.sheets.find((s) => (s.name ?? '') === (mapping?.sheet ?? '')) ?? inspected?.sheets[0];
  const headers = sheet?.headers ?? [];
  const label = (f: RegisterField) => t(f.header);

  if (!mapping) {
    return (
      <Modal opened={opened} onClose={onClose} title={t('reports:mapping.dialogTitle', { file: file.fileName })} size="xl">
        <Text>{busy ? '…' : ''}</Text>
      </Modal>
    );
  }

  const update = (change: Partial<ImportMapping>) => setMapping({ ...mapping, ...change });
  const setColumn = (key: string, header: string | null) => {
    const columns = { ...mapping.columns };
    if (header) columns[key] = header;
    else delete columns[key];
    update({ columns });
  };
  const setDefault = (key: string, value: string) => {
    const defaults = { ...mapping.defaults };
    if (value.trim() !== '') defaults[key] = value;
    else delete defaults[key];
    update({ defaults });
  };
  const setValue = (key: string, source: string, code: string | null) => {
    const forField = { ...(mapping.values[key] ?? {}) };
    if (code) forField[source] = code;
    else delete forField[source];
    update({ values: { ...mapping.values, [key]: forField } });
  };
  const changeRegister = async (register: ImportRegister) => {
    const result = await inspect(register, mapping.sheet || undefined);
    if (result) setMapping({ ...result.suggestion, name: mapping.name });
  };
  const changeSheet = async (name: string) => {
    const result = await inspect(mapping.register, name);
    if (result) setMapping({ ...result.suggestion, name: mapping.name });
  };

  const save = async () => {
    try {
      const result = await call('transfer:saveMapping', { mapping });
      notifySuccess(t('reports:mapping.savedToast', { name: result.name }));
      await client.invalidateQueries({ queryKey: ['transfer:mappings'] });
    } catch (error) {
      notifyError(t, error);
    }
  };
  const remove = async () => {
    try {
      await call('transfer:deleteMapping', { name: mapping.name });
      notifySuccess(t('reports:mapping.deletedToast', { name: mapping.name }));
      await client.invalidateQueries({ queryKey: ['transfer:mappings'] });
    } catch (error) {
      notifyError(t, error);
    }
  };
  const load = async (chosen: File | null) => {
    if (!chosen) return;
    try {
      setMapping(await call('transfer:readMapping', { fileName: chosen.name, text: await chosen.text() }));
    } catch (error) {
      notifyError(t, error);
    }
  };
  const download = () => {
    const text = `${JSON.stringify(mapping, null, 2)}\n`;
    downloadFile({ name: `${mapping.name}.mapping.json`, mimeType: 'application/json', base64: utf8Base64(text), bytes: text.length });
  };

  const enumFields = fields.filter((f) => f.type === 'enum' && mapping.columns[f.key]);
  const usesRecipients = mapping.register === 'categories' && Boolean(mapping.columns.recipients || mapping.columns.transfers);
  const isSaved = saved.data?.some((s) => s.name === mapping.name) ?? false;
  const codeOptions = (f: RegisterField) => (f.values ?? []).map((v) => ({ value: v, label: t(`${f.labelPrefix}.${v}`) }));

  return (
    <Modal opened={opened} onClose={onClose} title={t('reports:mapping.dialogTitle', { file: file.fileName })} size="90%">
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 4 }}>
          <Select
            label={t('reports:mapping.saved')}
            placeholder={saved.data?.length ? t('reports:mapping.savedPlaceholder') : t('reports:mapping.savedNone')}
            data={(saved.data ?? []).map((s) => s.name)}
            value={isSaved ? mapping.name : null}
            onChange={(name) => {
              const chosen = saved.data?.find((s) => s.name === name);
              if (chosen) setMapping(chosen.mapping);
            }}
            disabled={!saved.data?.length}
          />
          <TextInput label={t('reports:mapping.name')} value={mapping.name} onChange={(e) => update({ name: e.currentTarget.value })} required maxLength={100} />
          <Select
            label={t('reports:mapping.register')}
            data={IMPORT_REGISTERS.map((r) => ({ value: r, label: t(registers.data?.find((x) => x.register === r)?.title ?? r) }))}
            value={mapping.register}
            onChange={(v) => v && void changeRegister(v as ImportRegister)}
            allowDeselect={false}
          />
          {inspected && inspected.sheets.length > 1 ? (
            <Select
              label={t('reports:mapping.sheet')}
              data={inspected.sheets.map((s) => ({ value: s.name ?? '', label: `${s.name ?? ''} (${t('reports:mapping.rowsInSheet', { count: s.rows })})` }))}
              value={sheet?.name ?? ''}
              onChange={(v) => v !== null && void changeSheet(v)}
              allowDeselect={false}
            />
          ) : (
            <TextInput label={t('reports:mapping.sheet')} value={`${sheet?.name ?? 'CSV'} (${t('reports:mapping.rowsInSheet', { count: sheet?.rows ?? 0 })})`} readOnly />
          )}
        </SimpleGrid>

        <Paper withBorder p="sm">
          <Title order={3} size="h5" mb="xs">
            {t('reports:mapping.columnsTitle')}
          </Title>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing={4} aria-label={t('reports:mapping.columnsTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports:mapping.field')}</Table.Th>
                  <Table.Th>{t('reports:mapping.sourceColumn')}</Table.Th>
                  <Table.Th>{t('reports:mapping.defaultValue')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fields.map((f) => {
                  const missing = f.required && !mapping.columns[f.key] && !mapping.defaults[f.key];
                  return (
                    <Table.Tr key={f.key}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Text size="sm">{label(f)}</Text>
                          {f.required && (
                            <Badge size="xs" color={missing ? 'red' : 'gray'} variant="light" style={{ flexShrink: 0, overflow: 'visible' }}>
                              {t('reports:mapping.required')}
                            </Badge>
                          )}
                        </Group>
                        {missing && (
                          <Text size="xs" c="red.8">
                            {t('reports:mapping.requiredMissing')}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td w="35%">
                        <Select
                          aria-label={`${label(f)}: ${t('reports:mapping.sourceColumn')}`}
                          size="xs"
                          data={[...new Set([...headers, ...(mapping.columns[f.key] ? [mapping.columns[f.key]!] : [])])].map((h) => ({ value: h, label: headers.includes(h) ? h : `${h} ${t('reports:mapping.notInFile')}` }))}
                          value={mapping.columns[f.key] ?? null}
                          onChange={(v) => setColumn(f.key, v)}
                          placeholder={t('reports:mapping.notInFile')}
                          clearable
                          searchable
                        />
                      </Table.Td>
                      <Table.Td w="35%">
                        {f.type === 'enum' ? (
                          <Select
                            aria-label={`${label(f)}: ${t('reports:mapping.defaultValue')}`}
                            size="xs"
                            data={codeOptions(f)}
                            value={mapping.defaults[f.key] ?? null}
                            onChange={(v) => setDefault(f.key, v ?? '')}
                            clearable
                          />
                        ) : f.type === 'boolean' ? (
                          <Select
                            aria-label={`${label(f)}: ${t('reports:mapping.defaultValue')}`}
                            size="xs"
                            data={[
                              { value: 'true', label: t('common:yes') },
                              { value: 'false', label: t('common:no') },
                            ]}
                            value={mapping.defaults[f.key] ?? null}
                            onChange={(v) => setDefault(f.key, v ?? '')}
                            clearable
                          />
                        ) : (
                          <TextInput
                            aria-label={`${label(f)}: ${t('reports:mapping.defaultValue')}`}
                            size="xs"
                            value={mapping.defaults[f.key] ?? ''}
                            onChange={(e) => setDefault(f.key, e.currentTarget.value)}
                            placeholder={f.key === 'code' ? t('reports:mapping.defaultHint') : undefined}
                          />
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>

        <Paper withBorder p="sm">
          <Group justify="space-between" align="flex-end" mb="xs">
            <Title order={3} size="h5">
              {t('reports:mapping.valuesTitle')}
            </Title>
            <TextInput
              size="xs"
              label={t('reports:mapping.separators')}
              value={mapping.separators.replace(/\n/g, '⏎')}
              onChange={(e) => e.currentTarget.value && update({ separators: e.currentTarget.value.replace(/⏎/g, '\n') })}
              w={260}
            />
          </Group>
          {enumFields.length === 0 && <Text size="sm">{t('reports:mapping.noValues')}</Text>}
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            {enumFields.map((f) => {
              const header = mapping.columns[f.key]!;
              const mapped = mapping.values[f.key] ?? {};
              return (
                <Table key={f.key} verticalSpacing={2} aria-label={label(f)}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>
                        {header} → {label(f)}
                      </Table.Th>
                      <Table.Th>{t('reports:mapping.code')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {sourceValues(sheet?.values[header] ?? [], mapped, mapping.separators).map((v) => (
                      <Table.Tr key={v}>
                        <Table.Td>
                          <Text size="sm">{v}</Text>
                        </Table.Td>
                        <Table.Td w="55%">
                          <Select
                            size="xs"
                            aria-label={`${label(f)}: ${v}`}
                            data={codeOptions(f)}
                            value={mapped[v] ?? null}
                            onChange={(code) => setValue(f.key, v, code)}
                            placeholder={t('reports:mapping.unmapped')}
                            error={mapped[v] ? undefined : true}
                            allowDeselect={false}
                            clearable
                          />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              );
            })}
          </SimpleGrid>
        </Paper>

        {usesRecipients && (
          <Paper withBorder p="sm">
            <Title order={3} size="h5" mb="xs">
              {t('reports:mapping.recipientsTitle')}
            </Title>
            <SimpleGrid cols={{ base: 1, md: 5 }}>
              <Select
                size="xs"
                label={t('reports:mapping.recipientsRole')}
                data={PARTNER_ROLES.map((v) => ({ value: v, label: t(`partners:role.${v}`) }))}
                value={mapping.recipients.role}
                onChange={(v) => v && update({ recipients: { ...mapping.recipients, role: v } })}
                allowDeselect={false}
              />
              <TextInput
                size="xs"
                label={t('reports:mapping.recipientsCountry')}
                value={mapping.recipients.countryRegion}
                onChange={(e) => update({ recipients: { ...mapping.recipients, countryRegion: e.currentTarget.value } })}
              />
              <Select
                size="xs"
                label={t('reports:mapping.recipientsBasis')}
                data={SHARING_BASES.map((v) => ({ value: v, label: t(`partners:sharingBasis.${v}`) }))}
                value={mapping.recipients.sharingBasis}
                onChange={(v) => v && update({ recipients: { ...mapping.recipients, sharingBasis: v } })}
                allowDeselect={false}
              />
              <Select
                size="xs"
                label={t('reports:mapping.recipientsMethod')}
                data={FLOW_METHODS.map((v) => ({ value: v, label: t(`flows:method.${v}`) }))}
                value={mapping.recipients.method}
                onChange={(v) => v && update({ recipients: { ...mapping.recipients, method: v } })}
                allowDeselect={false}
              />
              <TextInput
                size="xs"
                label={t('reports:mapping.recipientsFrequency')}
                value={mapping.recipients.frequency}
                onChange={(e) => update({ recipients: { ...mapping.recipients, frequency: e.currentTarget.value } })}
              />
            </SimpleGrid>
          </Paper>
        )}

        {fields.some((f) => f.required && !mapping.columns[f.key] && !mapping.defaults[f.key]) && (
          <Alert color="orange" role="status">
            {t('reports:mapping.requiredMissing')}
          </Alert>
        )}

        <Group justify="space-between">
          <Group gap="xs">
            <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} onClick={() => void save()} disabled={mapping.name.trim() === ''}>
              {t('reports:mapping.save')}
            </Button>
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download}>
              {t('reports:mapping.download')}
            </Button>
            <FileButton accept=".json,application/json" onChange={(f) => void load(f)}>
              {(props) => (
                <Button variant="default" leftSection={<IconFileUpload size={16} />} {...props}>
                  {t('reports:mapping.load')}
                </Button>
              )}
            </FileButton>
            {isSaved && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => void remove()}>
                {t('reports:mapping.deleteSaved')}
              </Button>
            )}
          </Group>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('reports:mapping.cancel')}
            </Button>
            <Button onClick={() => onApply(mapping)} loading={busy}>
              {t('reports:mapping.apply')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
