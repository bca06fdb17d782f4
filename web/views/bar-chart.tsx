/** A small horizontal bar chart in SVG (no script), with the numbers written on the bars. */
export function BarChart({ title, bars, numbers }: { title: string; bars: { label: string; value: number }[]; numbers: Intl.NumberFormat }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const row = 26;
  const labelW = 170;
  const width = 560;
  const height = bars.length * row + 8;
  return (
    <figure class="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {bars.map((b, i) => {
          const w = ((width - labelW - 60) * b.value) / max;
          return (
            <g>
              <text x={labelW - 8} y={i * row + 18} text-anchor="end">
                {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
              </text>
              <rect x={labelW} y={i * row + 5} width={Math.max(w, 1)} height={row - 10} class="bar" />
              <text x={labelW + Math.max(w, 1) + 6} y={i * row + 18}>
                {numbers.format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
