/** "2026-11-22 05:12:33 +01:00": local time with its offset, for error details people copy. */
export function formatWithOffset(date: Date): string {
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/** The page address without query or fragment: those may carry tokens that must never be copied. */
export function safePageUrl(location: { origin: string; pathname: string }): string {
  return `${location.origin}${location.pathname}`;
}
