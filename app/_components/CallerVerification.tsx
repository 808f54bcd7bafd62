"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useRouter } from "@/i18n/navigation";
import type { CallerChannel, MethodDescription } from "@/server/verification/methods/method";
import { trpcClient } from "../_lib/trpc";
import { useStepUpAction } from "../_lib/use-step-up";
import { ErrorPanel } from "./ErrorPanel";
import { MethodLabel } from "./MethodLabel";

const ACTIONS = ["safe_reset", "sign_out_everywhere", "unlock", "require_reregistration", "issue_access_pass"] as const;
type Action = (typeof ACTIONS)[number];

/** The button for each way a helpdesk code can travel (a method's caller-verification channels), and what the agent is told then. */
const SEND_LABEL: Record<CallerChannel, "sendCode" | "callCode"> = { sms: "sendCode", voice: "callCode" };
const SENT_LABEL: Record<CallerChannel, "codeSent" | "codeCalled"> = { sms: "codeSent", voice: "codeCalled" };

/** Where a code can go (server/helpdesk/caller-verification.ts verificationTargets): masked, never the number. */
export interface VerificationTargetView {
  methodId: string;
  labelKey: MethodDescription["labelKey"];
  detail: string | null;
  display: string;
  channels: CallerChannel[];
}

/**
 * Verify the caller, then act: a code goes to one of the person's own methods that can verify a
 * caller (named by <MethodLabel>, one button per channel: a text, a call that reads it out), with
 * the ticket's reference, the caller reads it back, and for 10 minutes one action is possible.
 * Each action asks for the agent's own fresh second factor when it is over 10 minutes old.
 */
export function CallerVerification({
  reference,
  targets,
  approvedFor,
}: {
  reference: string;
  targets: VerificationTargetView[];
  /** Staff or administrator accounts: the second agent's approvals this agent may use, by action. */
  approvedFor: Partial<Record<Action, string>>;
}) {
  const t = useTranslations("helpdesk");
  const locale = useLocale();
  const router = useRouter();
  const [verificationId, setVerificationId] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<{ display: string; channel: CallerChannel } | null>(null);
  const [code, setCode] = useState("");
  const [validUntil, setValidUntil] = useState<Date | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { busy, failure, run: guarded, confirm } = useStepUpAction();
  const client = trpcClient(locale).helpdesk;

  const act = (action: Action) =>
    guarded(async () => {
      await client.reset.mutate({ reference, action, verificationId: verificationId ?? undefined, approvalId: approvedFor[action] });
      setDone(t(`actionDone.${action}`));
      setValidUntil(null);
      setVerificationId(null);
      router.refresh();
    });

  return (
    <div className="mt-6" data-testid="caller-verification">
      <h3 className="font-semibold">{t("verifyTitle")}</h3>
      <p className="mt-1 text-sm">{t("verifyIntro")}</p>
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      {targets.length === 0 ? <p className="mt-2">{t("noTargets")}</p> : null}
      {!verificationId && targets.length > 0 ? (
        <ul className="mt-2 space-y-3" data-testid="verification-targets">
          {targets.map((target) => (
            <li key={target.methodId} data-method-id={target.methodId}>
              <MethodLabel method={target} />
              <div className="mt-1 flex flex-wrap gap-2">
                {target.channels.map((channel) => (
                  <button
                    key={channel}
                    type="button"
                    disabled={busy}
                    data-channel={channel}
                    className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-900 hover:bg-brand-50"
                    onClick={() =>
                      guarded(async () => {
                        // The method by its ID and the channel: the number itself never reaches this page.
                        const started = await client.startVerification.mutate({ reference, methodId: target.methodId, channel });
                        setVerificationId(started.verificationId);
                        setSentTo({ display: started.display, channel: started.channel });
                        setDone(null);
                      })
                    }
                  >
                    {t(SEND_LABEL[channel], { number: target.display })}
                  </button>
                ))}
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      {verificationId && !validUntil ? (
        <form
          className="mt-3"
          onSubmit={(e) => {
            e.preventDefault();
            void guarded(async () => {
              const confirmed = await client.confirmVerification.mutate({ verificationId, code });
              setValidUntil(new Date(confirmed.validUntil));
              setCode("");
            });
          }}
        >
          <p role="status" data-testid="code-on-its-way">
            {t(SENT_LABEL[sentTo?.channel ?? "sms"], { number: sentTo?.display ?? "" })}
          </p>
          <label htmlFor="caller-code" className="mt-2 block font-medium">
            {t("codeLabel")}
          </label>
          <input
            id="caller-code"
            inputMode="numeric"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            className="mt-1 block w-40 rounded border border-slate-400 px-3 py-2 font-mono"
          />
          <button type="submit" disabled={busy} className="mt-3 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            {t("checkCode")}
          </button>
        </form>
      ) : null}
      {validUntil ? (
        <p role="status" className="mt-3 font-medium text-green-900" data-testid="caller-verified">
          {t("verified", { time: validUntil.toLocaleTimeString(locale === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit" }) })}
        </p>
      ) : null}
      <h3 className="mt-6 font-semibold">{t("actionsHeading")}</h3>
      <p className="mt-1 text-sm">{validUntil ? t("actionsReady") : t("actionsLocked")}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        {ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            disabled={!validUntil || busy}
            onClick={() => act(action)}
            className={
              action === "safe_reset"
                ? "rounded bg-red-800 px-3 py-1.5 font-medium text-white hover:bg-red-900 disabled:opacity-50"
                : "rounded border border-slate-500 px-3 py-1.5 font-medium hover:bg-slate-50 disabled:opacity-50"
            }
          >
            {t(`actions.${action}`)}
          </button>
        ))}
      </div>
      {confirm}
      <p role="status" className="mt-3" data-testid="action-done">
        {done ?? ""}
      </p>
    </div>
  );
}
