"use client";
import { useTranslations } from "next-intl";
import { MethodLabel } from "../../_components/MethodLabel";
import type { ChallengeProps } from "../types";
import { useCountdown } from "../use-countdown";
import { bigDigits, MatchNumberBox } from "../MatchNumber";

/**
 * A call: "Call me" names the number before it is pressed; while it rings the page says whom it
 * calls, shows the two digits to type (number matching, never said on the call) and counts the ring
 * time down. The shell polls the call; a failure ends the waiting and offers "Call again".
 */
export function CallChallenge({ option, method, challenge, waiting, busy, start }: ChallengeProps) {
  const t = useTranslations("verify");
  const left = useCountdown(waiting === "ringing" ? challenge : null);
  const number = option.display ?? "";
  return (
    <div className="mt-4">
      {/* Always present, so screen readers announce the call and the number when they appear. */}
      <div role="status" data-testid="calling">
        {waiting ? (
          <>
            <p>{t("ways.voice.calling", { number })}</p>
            {challenge?.matchNumber ? (
              <MatchNumberBox testId="match-number">{t.rich("ways.voice.matchNumber", { digits: challenge.matchNumber, big: bigDigits("match-digits") })}</MatchNumberBox>
            ) : null}
            {waiting === "answered" ? <p className="mt-2">{t("ways.voice.answered")}</p> : null}
          </>
        ) : null}
      </div>
      {/* Outside the status region: a timer is not read out every second. */}
      {left !== null ? (
        <p role="timer" className="mt-2 text-sm text-slate-700" data-testid="ring-countdown" data-seconds={left}>
          {t("ways.voice.ringing", { seconds: left })}
        </p>
      ) : null}
      {waiting ? null : challenge ? (
        <button type="button" onClick={start} disabled={busy} className="mt-3 underline" data-testid="call-again">
          {t("ways.voice.callAgain", { number })}
        </button>
      ) : (
        <>
          <p>
            <MethodLabel method={method} />
          </p>
          <button
            type="button"
            onClick={start}
            disabled={busy}
            className="mt-4 w-full rounded bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-70"
            data-testid="call-me"
          >
            {t("ways.voice.callMe", { number })}
          </button>
        </>
      )}
    </div>
  );
}
