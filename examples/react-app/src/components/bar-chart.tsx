/** One bar: its label under the axis and its value. */
export interface Bar {
  readonly label: string;
  readonly value: number;
  /** A second, lighter bar behind the first (e.g. the unweighted amount behind the weighted one). */
  readonly background?: number;
}

/** What {@link BarChart} takes. */
export interface BarChartProps {
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly formatValue: (value: number) => string;
  readonly height?: number;
}

const plotTop = 24;
const plotBottom = 36;
const barGap = 16;
// One width for every chart, so labels come out the same size whatever the number of bars.
const width = 480;

/**
 * A vertical bar chart in plain SVG: a value label over each bar, a label under it. It scales to its
 * container's width through the viewBox, so it needs no measuring.
 */
export function BarChart({ title, bars, formatValue, height = 220 }: BarChartProps) {
  const plotHeight = height - plotTop - plotBottom;
  const max = Math.max(1, ...bars.map((bar) => Math.max(bar.value, bar.background ?? 0)));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(12, slot - barGap * 2);
  const heightOf = (value: number) => (value / max) * plotHeight;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <line x1={0} x2={width} y1={plotTop + plotHeight} y2={plotTop + plotHeight} className="chart-axis" />
        {bars.map((bar, index) => {
          const x = index * slot + (slot - barWidth) / 2;
          const top = plotTop + plotHeight - heightOf(bar.value);
          return (
            <g key={bar.label}>
              {bar.background !== undefined && (
                <rect
                  className="chart-bar-background"
                  x={x}
                  y={plotTop + plotHeight - heightOf(bar.background)}
                  width={barWidth}
                  height={heightOf(bar.background)}
                  rx={3}
                />
              )}
              <rect className="chart-bar" x={x} y={top} width={barWidth} height={heightOf(bar.value)} rx={3}>
                <title>{`${bar.label}: ${formatValue(bar.value)}`}</title>
              </rect>
              <text className="chart-value" x={x + barWidth / 2} y={top - 6} textAnchor="middle">
                {formatValue(bar.value)}
              </text>
              <text className="chart-label" x={x + barWidth / 2} y={height - 12} textAnchor="middle">
                {bar.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
