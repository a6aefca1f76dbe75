import { Tabs } from '../../ui/filters';
import { PageTitle } from '../../ui/Layout';
import { useListParams } from '../../ui/listParams';
import { Backtests } from './Backtests';
import { Discounts } from './Discounts';
import { Plans } from './Plans';
import { UnitTypes } from './UnitTypes';

const TABS: [string, string][] = [
  ['unit-types', 'Unit types'],
  ['price-plans', 'Price plans'],
  ['cost-rates', 'Cost-rate plans'],
  ['discounts', 'Discounts'],
  ['backtests', 'Backtests'],
];
// Each tab is its own list: its sort and filters start over.
const FRESH = Object.fromEntries(['sort', 'client', 'scope', 'plan', 'archived', 'backtest'].map((k) => [k, undefined]));

/** The catalog: unit types and their bucket templates, price and cost-rate plans, discounts, and backtests. */
export default function Pricing() {
  const params = useListParams();
  const asked = params.get('tab');
  const tab = TABS.some(([t]) => t === asked) ? asked! : 'unit-types';
  return (
    <>
      <PageTitle title="Pricing" />
      <Tabs
        tabs={TABS}
        value={tab}
        onChange={(t) => params.set({ ...FRESH, tab: t === 'unit-types' ? undefined : t })}
      />
      {tab === 'unit-types' ? <UnitTypes /> : null}
      {tab === 'price-plans' ? <Plans kind="price" key="price" /> : null}
      {tab === 'cost-rates' ? <Plans kind="cost" key="cost" /> : null}
      {tab === 'discounts' ? <Discounts /> : null}
      {tab === 'backtests' ? <Backtests /> : null}
    </>
  );
}
