import { lazy, Suspense } from 'react';
import type { EChartsOption } from 'echarts';
import { Loading } from './states';

// ECharts is the heaviest part of the console: it loads with the first chart, not with the first page.
const ReactECharts = lazy(() => import('echarts-for-react'));

export function Chart({ option, height = 260, label }: { option: EChartsOption; height?: number; label: string }) {
  return (
    <figure className="chart" aria-label={label} role="img">
      <Suspense fallback={<Loading what="the chart" />}>
        <ReactECharts option={option} style={{ height }} notMerge lazyUpdate />
      </Suspense>
    </figure>
  );
}
