import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RequestDashboard } from '@shared/domain/requests';
import { formatMonthDay } from '@shared/time';

/** The dashboard's two charts of requests: by kind, and by week received. In a chunk of its own (recharts). */
export function RequestsCharts({ byKind, byWeek }: Pick<RequestDashboard, 'byKind' | 'byWeek'>) {
  const { t, i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <Paper withBorder p="md">
        <Title order={4} size="h5" mb="sm" id="requests-by-kind-title">
          {t('requests:dashboard.byKind')}
        </Title>
        {byKind.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('common:paging.empty')}
          </Text>
        ) : (
          <BarChart
            h={240}
            data={byKind.map((k) => ({ kind: t(`requests:kind.${k.kind}`), count: k.count }))}
            dataKey="kind"
            orientation="vertical"
            yAxisProps={{ width: 140 }}
            xAxisProps={{ allowDecimals: false }}
            series={[{ name: 'count', label: t('requests:dashboard.count'), color: 'indigo.6' }]}
            role="figure"
            aria-labelledby="requests-by-kind-title"
          />
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} size="h5" mb="sm" id="requests-by-week-title">
          {t('requests:dashboard.byWeek')}
        </Title>
        <BarChart
          h={240}
          data={byWeek.map((w) => ({ week: formatMonthDay(w.week, i18n.language), count: w.count }))}
          dataKey="week"
          yAxisProps={{ allowDecimals: false }}
          series={[{ name: 'count', label: t('requests:dashboard.count'), color: 'teal.6' }]}
          role="figure"
          aria-labelledby="requests-by-week-title"
        />
      </Paper>
    </SimpleGrid>
  );
}
