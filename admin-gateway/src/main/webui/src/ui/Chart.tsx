import { lazy, Suspense } from 'react';
import type { EChartsOption } from 'echarts';
import { Loading } from './states';

// ECharts is the heaviest part of the console: it loads with the first chart, not with the first page.
const ReactECharts = lazy(() => import('echarts-for-react'));

export function Chart({ option, height = 260, label }: { option: EChartsOption; height?: number; label: string }) {
  return (
    <figure className="chart" aria-label={label} role="img">
      <Suspense fallback={<Loading what="the chart" />}>
        {/* No animation: figures appear at once, and a screenshot shows the whole chart. */}
        <ReactECharts option={{ animation: false, ...option }} style={{ height }} notMerge lazyUpdate />
      </Suspense>
    </figure>
  );
}
