"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/**
 * Browser clock against the server's: app codes depend on the time, so a clock that is off gives
 * codes we cannot accept. The server time was taken when the page was made; the page's own load
 * time is within the margin.
 */
export function ClockCheck({ serverTime }: { serverTime: string }) {
  const t = useTranslations("wizards.checks");
  const [offset, setOffset] = useState<number | null>(null);
  useEffect(() => {
    const loadedAt = performance.timeOrigin + performance.now();
    setOffset(Math.round((loadedAt - Date.parse(serverTime)) / 1000));
  }, [serverTime]);
  if (offset === null) return <p>{t("clockChecking")}</p>;
  const size = Math.abs(offset);
  return (
    <p role="status" data-testid="clock-check" data-offset={offset}>
      {size <= 15 ? t("clockOk") : t("clockOff", { seconds: size, direction: offset < 0 ? "behind" : "ahead" })}
    </p>
  );
}
