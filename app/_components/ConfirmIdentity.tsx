"use client";
import type { inferRouterOutputs } from "@trpc/server";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Link } from "@/i18n/navigation";
import type { AppRouter } from "@/server/trpc/root";
import { type ErrorDetails, toErrorDetails } from "../_lib/error-details";
import { trpcClient } from "../_lib/trpc";
import { challengeViewFor } from "../_methods/registry";
import type { Challenge } from "../_methods/types";
import { useWaiting } from "../_methods/use-waiting";
import { CodeForm } from "./CodeForm";
import { ErrorPanel } from "./ErrorPanel";
import { MethodLabel } from "./MethodLabel";

type StepUpState = inferRouterOutputs<AppRouter>["methods"]["stepUpOptions"];
type Way = StepUpState["options"][number];
const keyOf = (way: Pick<Way, "methodId" | "channel">) => `${way.methodId}:${way.channel}`;

/**
 * "Confirm it's you" with any of the person's methods that can do it: the person picks the way
 * (when there is more than one); for a text, "Send code" texts a code bound to this session and
 * says where it went and how long it works; for the app, the code field is there at once; a way
 * answered elsewhere (a call) uses its code-page view ("Call me", the number to type, the ring time)
 * while the panel waits for the answer as the code page does. A code accepted or a call approved
 * makes this session's second factor fresh for 10 minutes.
 */
export function ConfirmIdentity({ onConfirmed }: { onConfirmed: () => void }) {
  const t = useTranslations("confirmIdentity");
  const locale = useLocale();
  const headingId = useId();
  const te = useTranslations("errors.ACCOUNT_LOCKED");
  const [ways, setWays] = useState<Way[] | null>(null);
  const [locked, setLocked] = useState<StepUpState["locked"]>(null);
  const [loadFailure, setLoadFailure] = useState<ErrorDetails | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const [sent, setSent] = useState<{ key: string; detail: string | null; challenge: Challenge } | null>(null);
  /** While a call rings or waits for keys: the server's last word ("ringing", "answered"). */
  const [waiting, setWaiting] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sendFailure, setSendFailure] = useState<ErrorDetails | null>(null);

  useEffect(() => {
    let current = true;
    trpcClient(locale)
      .methods.stepUpOptions.query()
      .then((state) => {
        if (!current) return;
        setWays(state.options);
        setLocked(state.locked);
        setChosen(state.options[0] ? keyOf(state.options[0]) : null);
      })
      .catch((error: unknown) => current && setLoadFailure(toErrorDetails(error)));
    return () => {
      current = false;
    };
  }, [locale]);

  const way = ways?.find((w) => keyOf(w) === chosen) ?? null;
  const sentHere = way && sent?.key === keyOf(way) ? sent : null;

  // Once a code is on its way, the field to type it in has the focus.
  useEffect(() => {
    if (sentHere) document.getElementById(`${headingId}-sms-code`)?.focus();
  }, [sentHere, headingId]);

  useWaiting(waiting !== null, () => trpcClient(locale).methods.stepUpStatus.mutate({}), {
    waiting: setWaiting,
    done: () => onConfirmed(),
    failed: (error) => {
      setWaiting(null);
      setSendFailure(toErrorDetails(error));
    },
  });

  async function send(target: Way) {
    setSending(true);
    setSendFailure(null);
    try {
      const result = await trpcClient(locale).methods.sendStepUpCode.mutate({ methodId: target.methodId, channel: target.channel });
      const { expiresInSeconds, matchNumber } = result;
      setSent((last) => ({
        key: keyOf(target),
        detail: result.method.detail,
        challenge: { startedAt: Date.now(), expiresInSeconds, matchNumber, serial: (last?.challenge.serial ?? 0) + 1 },
      }));
      setWaiting(target.awaited ? "ringing" : null);
    } catch (error) {
      setSendFailure(toErrorDetails(error));
    } finally {
      setSending(false);
    }
  }

  async function confirm(code: string, channel: Way["channel"]): Promise<ErrorDetails | null> {
    try {
      await trpcClient(locale).methods.confirmIdentity.mutate({ code, channel });
      onConfirmed();
      return null;
    } catch (error) {
      return toErrorDetails(error);
    }
  }

  return (
    <section aria-labelledby={headingId} className="mt-4 rounded border border-brand-100 bg-brand-50 p-4" data-testid="confirm-identity">
      <h2 id={headingId} className="font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1">{t("intro")}</p>
      {loadFailure ? (
        <div className="mt-3">
          <ErrorPanel details={loadFailure} />
        </div>
      ) : ways === null ? (
        <p className="mt-3" role="status">
          {t("loading")}
        </p>
      ) : locked ? (
        // Locked after too many wrong codes: no way works until then, so none is offered.
        <div className="mt-3" data-testid="confirm-identity-locked">
          <p className="font-medium">{te("title")}</p>
          <p>{te("message", locked)}</p>
          <p className="mt-1 text-sm">{te("fix")}</p>
        </div>
      ) : ways.length === 0 ? (
        <p className="mt-3" data-testid="confirm-identity-no-way">
          {t.rich("noWay", {
            link: (chunks) => (
              <Link href="/help" className="font-medium text-brand-700 underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : (
        <>
          {ways.length > 1 ? (
            <fieldset className="mt-4">
              <legend className="font-medium">{t("chooseWay")}</legend>
              {ways.map((w) => (
                <div key={keyOf(w)} className="mt-2 flex items-start gap-2">
                  <input
                    id={`${headingId}-${keyOf(w)}`}
                    type="radio"
                    name={`${headingId}-way`}
                    className="mt-1 h-5 w-5 shrink-0 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
                    checked={chosen === keyOf(w)}
                    onChange={() => {
                      setChosen(keyOf(w));
                      setSendFailure(null);
                      setWaiting(null);
                    }}
                  />
                  <label htmlFor={`${headingId}-${keyOf(w)}`} className="min-w-0 break-words">
                    <MethodLabel method={w.method} /> <span className="text-sm text-slate-700">({t(`way.${w.channel}`)})</span>
                  </label>
                </div>
              ))}
            </fieldset>
          ) : null}
          {way && !way.challenged ? (
            <CodeForm
              key={keyOf(way)}
              id={`${headingId}-code`}
              label={t(`typed.${way.channel}.label`)}
              hint={t(`typed.${way.channel}.hint`)}
              characters={way.characters}
              submitLabel={t("submit")}
              onCode={(code) => confirm(code, way.channel)}
            />
          ) : null}
          {way?.awaited ? (
            <AwaitedWay key={keyOf(way)} way={way} challenge={sentHere?.challenge ?? null} waiting={waiting} busy={sending} failure={sendFailure} start={() => send(way)} />
          ) : null}
          {way?.challenged && !way.awaited ? (
            <div key={keyOf(way)} className="mt-4">
              {ways.length === 1 ? (
                <p>
                  <MethodLabel method={way.method} />
                </p>
              ) : null}
              {sentHere ? (
                <p role="status" data-testid="step-up-code-sent" className="mt-2">
                  {t("sentTo", { number: sentHere.detail ?? "", minutes: Math.max(1, Math.round((sentHere.challenge.expiresInSeconds ?? 0) / 60)) })}
                </p>
              ) : null}
              {sendFailure ? (
                <div className="mt-3">
                  <ErrorPanel details={sendFailure} />
                </div>
              ) : null}
              <button
                type="button"
                onClick={() => send(way)}
                disabled={sending}
                aria-busy={sending}
                className={
                  sentHere
                    ? "mt-3 rounded border border-brand-600 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-70"
                    : "mt-3 rounded bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:opacity-70"
                }
              >
                {sending ? t("sending") : sentHere ? t("resend") : t("send")}
              </button>
              {sentHere ? (
                <CodeForm id={`${headingId}-sms-code`} label={t("smsCodeLabel")} hint={t("smsCodeHint")} submitLabel={t("submit")} onCode={(code) => confirm(code, way.channel)} />
              ) : null}
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/**
 * A way answered elsewhere (a call): its code-page view (app/_methods/<kind>/) names the number
 * before "Call me", then shows the number to type and counts the ring time down; a failure ends the
 * waiting and offers "Call again".
 */
function AwaitedWay({
  way,
  challenge,
  waiting,
  busy,
  failure,
  start,
}: {
  way: Way;
  challenge: Challenge | null;
  waiting: string | null;
  busy: boolean;
  failure: ErrorDetails | null;
  start: () => void;
}) {
  const View = challengeViewFor(way.channel).Body;
  return (
    <div className="mt-2" data-testid="step-up-awaited">
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      <View
        option={{ methodId: way.methodId, channel: way.channel, display: way.method.detail, labelKey: way.method.labelKey }}
        method={way.method}
        challenge={challenge}
        waiting={challenge ? waiting : null}
        busy={busy}
        start={start}
        // Nothing is typed on an awaited way.
        submitCode={async () => null}
      />
    </div>
  );
}
