import type { Deal, PipelineConfig } from '@rapport/core';
import { useList, useRapportClient } from '@rapport/react';
import { BarChart } from '../components/bar-chart';
import { formatCompactMoney, formatMoney } from '../format';
import { useAsync } from '../use-async';
import { usePipeline } from '../use-pipeline';

const monthLabel = (key: string) =>
  new Intl.DateTimeFormat('en', { month: 'short', year: '2-digit', timeZone: 'UTC' }).format(
    new Date(`${key}-01T00:00:00Z`),
  );

function Stat({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <div className="panel">
      <div className="muted">{label}</div>
      <div className="value">{value}</div>
    </div>
  );
}

function Charts({ pipeline, deals }: { readonly pipeline: PipelineConfig; readonly deals: readonly Deal[] }) {
  const client = useRapportClient();
  const currency = deals[0]?.currency ?? 'EUR';
  // The forecast reads the deals again on the server; a change of any deal's version refetches it.
  const versions = deals.map((deal) => `${deal.id}@${deal.version}`).join(',');
  const forecast = useAsync(
    () =>
      client.forecast.byPeriod({
        period: 'month',
        where: { field: 'pipelineId', op: 'eq', value: pipeline.id },
      }),
    versions,
  );
  const open = deals.filter((deal) => deal.status === 'open');
  const won = deals.filter((deal) => deal.status === 'won');
  const sum = (list: readonly Deal[]) => list.reduce((total, deal) => total + deal.amount, 0);
  const perStage = pipeline.stages.map((stage) => ({
    label: stage.name,
    value: deals.filter((deal) => deal.stageId === stage.id).length,
  }));
  const months = (forecast.data?.rows ?? [])
    .filter((row) => row.currency === currency)
    .map((row) => ({ label: monthLabel(row.period.key), value: row.weighted, background: row.amount }));
  return (
    <>
      <div className="stats">
        <Stat label="Open deals" value={String(open.length)} />
        <Stat label="Open pipeline" value={formatMoney(sum(open), currency)} />
        <Stat label="Won" value={formatMoney(sum(won), currency)} />
        <Stat label="Undated open deals" value={String(forecast.data?.undatedDeals ?? '…')} />
      </div>
      <div className="charts">
        <div className="panel">
          <BarChart title="Deals per stage" bars={perStage} formatValue={(value) => String(value)} />
        </div>
        <div className="panel">
          <BarChart
            title="Forecast by month (weighted, over the full amount)"
            bars={months}
            formatValue={(value) => formatCompactMoney(value, currency)}
          />
        </div>
      </div>
    </>
  );
}

/** Deals per stage and the weighted forecast by month, drawn in plain SVG. */
export function DashboardScreen() {
  const pipeline = usePipeline();
  const deals = useList('deal', {
    where: { field: 'pipelineId', op: 'eq', value: pipeline?.id ?? '' },
    limit: 1000,
  });
  return (
    <section>
      <h1>Dashboard</h1>
      {pipeline === undefined || deals.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <Charts pipeline={pipeline} deals={deals.data.items} />
      )}
    </section>
  );
}
