"use client";
import { useTranslations } from "next-intl";
import { MethodLabel } from "../../_components/MethodLabel";
import type { ChallengeProps } from "../types";
import { useCountdown } from "../use-countdown";
import { bigDigits, MatchNumberBox } from "../MatchNumber";

/**
 * A push: "Send a request" names the app before it is pressed; while the request is open the page
 * shows the number to type in the app (number matching: the app never approves with one tap), says
 * when the request is on the phone, and counts the time to answer down. The shell polls; a failure
 * ends the waiting and offers a new request.
 */
export function PushChallenge({ method, challenge, waiting, busy, start }: ChallengeProps) {
  const t = useTranslations("verify.ways.push");
  const left = useCountdown(waiting ? challenge : null);
  return (
    <div className="mt-4">
      {/* Always present, so screen readers announce the request, the number and its delivery. */}
      <div role="status" data-testid="push-status">
        {waiting ? (
          <>
            <p>{waiting === "shown" ? t("shown") : t("sent")}</p>
            {challenge?.matchNumber ? (
              <MatchNumberBox testId="push-number">{t.rich("matchNumber", { digits: challenge.matchNumber, big: bigDigits("push-digits") })}</MatchNumberBox>
            ) : null}
          </>
        ) : null}
      </div>
      {/* Outside the status region: a timer is not read out every second. */}
      {left !== null ? (
        <p role="timer" className="mt-2 text-sm text-slate-700" data-testid="push-countdown" data-seconds={left}>
          {t("countdown", { seconds: left })}
        </p>
      ) : null}
      {waiting ? null : challenge ? (
        <button type="button" onClick={start} disabled={busy} className="mt-3 underline" data-testid="push-again">
          {t("sendAgain")}
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
            data-testid="push-send"
          >
            {t("send")}
          </button>
        </>
      )}
    </div>
  );
}
