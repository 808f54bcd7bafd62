"use client";
import { useTranslations } from "next-intl";
import { CodeForm } from "../../_components/CodeForm";
import { MethodLabel } from "../../_components/MethodLabel";
import type { ChallengeProps } from "../types";
import { minutesAndSeconds, useCountdown } from "../use-countdown";

/**
 * A code by text message: "Text me a code" sends one to the mobile phone; the page says where it
 * went and how long it works, counting down; only the newest text's code works.
 */
export function TextChallenge({ option, method, challenge, busy, start, submitCode }: ChallengeProps) {
  const t = useTranslations("verify");
  const left = useCountdown(challenge);
  // Always present, so screen readers announce where the code went when it is sent.
  const sent = (
    <p role="status" className="mt-4" data-testid="code-sent">
      {challenge ? t("ways.sms.sent", { number: option.display ?? "", minutes: Math.max(1, Math.round((challenge.expiresInSeconds ?? 180) / 60)) }) : null}
    </p>
  );
  if (!challenge) {
    return (
      <div>
        {sent}
        <p className="mt-4">
          <MethodLabel method={method} />
        </p>
        <button
          type="button"
          onClick={start}
          disabled={busy}
          className="mt-4 w-full rounded bg-brand-600 px-4 py-2.5 font-semibold text-white hover:bg-brand-700 disabled:opacity-70"
          data-testid="send-text"
        >
          {busy ? t("sending") : t("ways.sms.send")}
        </button>
      </div>
    );
  }
  return (
    <div>
      {sent}
      {left !== null ? (
        <p role="timer" className="mt-1 text-sm text-slate-700" data-testid="code-countdown">
          {left > 0 ? t("ways.sms.countdown", { time: minutesAndSeconds(left) }) : t("ways.sms.expired")}
        </p>
      ) : null}
      <CodeForm
        id="code"
        label={t("ways.sms.codeLabel")}
        hint={t("ways.sms.hint")}
        submitLabel={t("submit")}
        ownErrorPanel={false}
        validationMessages={{ "validation.codeForm": t("ways.sms.codeForm") }}
        onCode={submitCode}
      />
      <button type="button" onClick={start} disabled={busy} className="mt-3 underline" data-testid="resend">
        {busy ? t("sending") : t("ways.sms.resend")}
      </button>
    </div>
  );
}
