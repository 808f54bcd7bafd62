/**
 * A horizontal bar chart drawn on the server as SVG (no script), with the same numbers in a
 * visually hidden table for screen readers.
 */
export function BarChart({ title, rows, empty, testId }: { title: string; rows: Array<{ label: string; value: number }>; empty: string; testId?: string }) {
  if (rows.length === 0) {
    return (
      <figure className="mt-3" data-testid={testId}>
        <figcaption className="font-semibold">{title}</figcaption>
        <p className="mt-1 text-slate-700">{empty}</p>
      </figure>
    );
  }
  const max = Math.max(1, ...rows.map((r) => r.value));
  const rowHeight = 26;
  const labelWidth = 220;
  const width = 560;
  const height = Math.max(rowHeight, rows.length * rowHeight);
  return (
    <figure className="mt-3" data-testid={testId}>
      <figcaption className="font-semibold">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} className="mt-2 max-w-xl">
        {rows.map((r, i) => {
          const barWidth = ((width - labelWidth - 50) * r.value) / max;
          return (
            <g key={r.label} transform={`translate(0 ${i * rowHeight})`}>
              <text x={labelWidth - 8} y={17} textAnchor="end" fontSize="13" fill="#0f172a">
                {r.label}
              </text>
              <rect x={labelWidth} y={5} width={barWidth} height={16} fill="#1d4ed8" rx={2} />
              <text x={labelWidth + barWidth + 6} y={17} fontSize="13" fill="#0f172a">
                {r.value}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
