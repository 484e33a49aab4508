import { Anchor, Badge, Button, Group, List, Menu, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { GAP_LIST_FILTERS, type GapDecisionKind, type GapItem, type GapListFilter, type GapPage, type GapStatus } from '@shared/domain/gaps';
import { messageText } from '@shared/i18n/message-text';
import { citeSources, withSources } from '@shared/legal-citation';
import { useCall, useWrite } from '../../api/hooks';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PagingFooter } from '../../components/ListControls';
import { useDayFormat } from '../../components/format';
import { notifyError, notifySuccess } from '../../components/notify';
import { SEVERITY_COLORS } from './severity';
import { GapDecisionDialog } from './GapDecisionDialog';
import { useCan } from '../../app/session';
import { Loaded } from '../../components/Loaded';

const STATUS_COLORS: Record<GapStatus, string> = { open: 'orange', in_hand: 'blue', accepted: 'teal', not_applicable: 'gray' };

/** `/gaps/:checkId`: the records one check concerns, each linking to where it is fixed, with what was decided about it. */
export function GapListPage() {
  const { checkId } = useParams();
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const [filter, setFilter] = useState<GapListFilter>('all');
  const query = useCall('gaps:list', { checkId: checkId ?? '', filter, page, pageSize });
  return (
    <Loaded query={query}>
      {(data) => {
        const c = data.check;
        const counts: Record<GapListFilter, number> = { all: c.count + c.inHand + c.settled, open: c.count, in_hand: c.inHand, settled: c.settled };
        return (
          <Stack>
            <Group justify="space-between" align="flex-start">
              <div>
                <Title order={2}>{t(c.titleKey)}</Title>
                <Group gap="xs" mt={4}>
                  <Text size="sm" c="dimmed">
                    {t(`gaps:register.${c.register}`)}
                  </Text>
                  <Badge color={SEVERITY_COLORS[c.severity]} variant="light" data-testid="gap-severity">
                    {t('gaps:severityBadge', { severity: t(`gaps:severity.${c.severity}`) })}
                  </Badge>
                </Group>
              </div>
              <Button variant="default" component={Link} to="/">
                {t('common:nav.dashboard')}
              </Button>
            </Group>
            <CheckInfo page={data} />
            <Paper withBorder p="md">
              <Group justify="space-between" mb="sm">
                <SegmentedControl
                  aria-label={t('gaps:filter.label')}
                  value={filter}
                  onChange={(v) => {
                    setFilter(v as GapListFilter);
                    setPage(1);
                  }}
                  data={GAP_LIST_FILTERS.map((f) => ({ value: f, label: `${t(`gaps:filter.${f}`)} ${counts[f]}` }))}
                />
              </Group>
              <GapTable page={data} />
              {data.total === 0 && (
                <Text c="dimmed" ta="center" py="lg">
                  {filter === 'all' ? t('gaps:none') : t('gaps:noneOpen')}
                </Text>
              )}
              <PagingFooter
                page={data.page}
                pageSize={data.pageSize}
                total={data.total}
                onPage={setPage}
                onPageSize={(s) => {
                  setPageSize(s);
                  setPage(1);
                }}
              />
            </Paper>
          </Stack>
        );
      }}
    </Loaded>
  );
}

/** What the check rests on, when it does not apply, and what to do. */
function CheckInfo({ page }: { page: GapPage }) {
  const { t, i18n } = useTranslation();
  const c = page.check;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="gap-check-info">
      <Title order={3} size="h5" id="gap-check-info" mb="sm">
        {t('gaps:aboutCheck')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md" component="dl" m={0}>
        <div>
          <Text size="xs" fw={600} component="dt">
            {t('gaps:basisLabel')}
          </Text>
          <Text size="sm" component="dd" m={0} data-testid="gap-basis">
            {citeSources(t, i18n.language, c.basis)}
          </Text>
        </div>
        <div>
          <Text size="xs" fw={600} component="dt">
            {t('gaps:exceptionsLabel')}
          </Text>
          <dd style={{ margin: 0 }}>
            {c.exceptions.length === 0 ? (
              <Text size="sm">{t('gaps:noExceptions')}</Text>
            ) : (
              <List size="sm" spacing={2} data-testid="gap-exceptions">
                {c.exceptions.map((e) => (
                  <List.Item key={e.key}>{withSources(t, i18n.language, t(e.key), e.sources)}</List.Item>
                ))}
              </List>
            )}
          </dd>
        </div>
        <div>
          <Text size="xs" fw={600} component="dt">
            {t('gaps:fixLabel')}
          </Text>
          <Text size="sm" component="dd" m={0}>
            {t(c.fixKey)}
          </Text>
        </div>
      </SimpleGrid>
      {!c.decidable && (
        <Text size="sm" mt="sm">
          {t('gaps:notDecidable')}
        </Text>
      )}
    </Paper>
  );
}

type Dialog = { item: GapItem; kind: GapDecisionKind } | { item: GapItem; kind: 'reopen' } | null;

function GapTable({ page }: { page: GapPage }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const reopen = useWrite('gaps:reopen');
  // Deciding a gap is the officer's: for anyone else the check is read only.
  const mayDecide = useCan('gaps:decide');
  const c = page.check;
  return (
    <>
      <Table striped verticalSpacing="xs">
        <Table.Caption>{t('gaps:caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('gaps:column.record')}</Table.Th>
            <Table.Th>{t('gaps:column.detail')}</Table.Th>
            <Table.Th>{t('gaps:column.status')}</Table.Th>
            <Table.Th>{t('gaps:column.decision')}</Table.Th>
            {c.decidable && mayDecide && <Table.Th>{t('gaps:column.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page.items.map((item) => (
            <Table.Tr key={`${item.entity}-${item.id}`} data-gap-record={item.label}>
              <Table.Td>
                <Anchor component={Link} to={item.path} size="sm">
                  {item.label}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {/* Wide enough for a short fact with its unit on one line (1 条共享流, not 1 条共享 / 流). */}
                <Text size="sm" miw="8em">
                  {item.detail ? messageText(t, item.detail) : ''}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge color={STATUS_COLORS[item.status]} variant="light" styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
                  {t(`gaps:status.${item.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <DecisionText item={item} today={page.today} />
              </Table.Td>
              {c.decidable && mayDecide && (
                <Table.Td>
                  <Menu position="bottom-end" withinPortal>
                    <Menu.Target>
                      <Button size="xs" variant="light" rightSection={<IconChevronDown size={14} aria-hidden />} aria-label={t('gaps:actionsFor', { record: item.label })}>
                        {t('gaps:column.actions')}
                      </Button>
                    </Menu.Target>
                    <Menu.Dropdown>
                      <Menu.Item onClick={() => setDialog({ item, kind: 'in_hand' })}>{t('gaps:decide.assign')}</Menu.Item>
                      <Menu.Item onClick={() => setDialog({ item, kind: 'accepted' })}>{t('gaps:decide.accept')}</Menu.Item>
                      <Menu.Item onClick={() => setDialog({ item, kind: 'not_applicable' })}>{t('gaps:decide.notApplicable')}</Menu.Item>
                      {item.decision && (
                        <Menu.Item color="red" onClick={() => setDialog({ item, kind: 'reopen' })}>
                          {t('gaps:decide.reopen')}
                        </Menu.Item>
                      )}
                    </Menu.Dropdown>
                  </Menu>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {dialog && dialog.kind !== 'reopen' && <GapDecisionDialog checkId={c.id} item={dialog.item} kind={dialog.kind} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reopen' && dialog.item.decision && (
        <ConfirmModal
          opened
          title={t('gaps:decide.reopenTitle', { record: dialog.item.label })}
          body={t('gaps:decide.reopenBody')}
          action={t('gaps:decide.reopen')}
          loading={reopen.isPending}
          onClose={() => setDialog(null)}
          onConfirm={() =>
            reopen.mutate(
              { checkId: c.id, recordId: dialog.item.id, revision: dialog.item.decision!.revision },
              {
                onSuccess: () => {
                  notifySuccess(t('gaps:decide.reopened'));
                  setDialog(null);
                },
                onError: (e) => notifyError(t, e),
              },
            )
          }
        />
      )}
    </>
  );
}

/** Who has the gap and by when, or why it was accepted and until when; a lapsed acceptance says so. */
function DecisionText({ item, today }: { item: GapItem; today: string }) {
  const { t } = useTranslation();
  const day = useDayFormat();
  const d = item.decision;
  if (!d) return null;
  if (d.decision === 'in_hand') {
    const late = d.dueOn !== null && d.dueOn < today;
    return (
      <Stack gap={0}>
        <Text size="sm">{t('gaps:decisionText.inHand', { owner: d.owner, dueOn: day(d.dueOn) })}</Text>
        {late && (
          <Text size="xs" c="red.8">
            {t('gaps:decisionText.overdue')}
          </Text>
        )}
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {t('gaps:decisionText.settled', { reason: d.reason, reviewOn: day(d.reviewOn) })}
      </Text>
      {item.status === 'open' && (
        <Text size="xs" c="red.8">
          {t('gaps:decisionText.lapsed', { reviewOn: day(d.reviewOn) })}
        </Text>
      )}
    </Stack>
  );
}
