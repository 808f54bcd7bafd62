"use client";
import { useLocale, useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { useRouter } from "@/i18n/navigation";
import type { ApprovalFacts } from "@/server/helpdesk/approval-facts";
import { trpcClient } from "../_lib/trpc";
import { useStepUpAction } from "../_lib/use-step-up";
import { ErrorPanel } from "./ErrorPanel";
import { MethodLabel } from "./MethodLabel";

const ACTIONS = ["issue_access_pass", "safe_reset", "sign_out_everywhere", "unlock", "require_reregistration"] as const;
type Action = (typeof ACTIONS)[number];

export interface ApprovalView {
  id: string;
  action: Action;
  kind: "identity_check" | "privileged";
  identityCheck: "in_person_id" | "manager_confirmed" | null;
  managerDecision: "confirmed" | "declined" | null;
  reason: string;
  requesterUsername: string;
  mine: boolean;
  approved: boolean;
  used: boolean;
  expired: boolean;
  /** Computed on the server (approval-facts.ts); approving sends their digest back. */
  facts: ApprovalFacts;
  factsDigest: string;
}

/** The facts the approver reads beside the reason, before the Approve button. */
function FactsList({ facts }: { facts: ApprovalFacts }) {
  const t = useTranslations("helpdesk");
  // Each method named as everywhere else: the one <MethodLabel>, from the method's description.
  const methods =
    facts.methods.length > 0
      ? facts.methods.map((m, index) => (
          <Fragment key={index}>
            {index > 0 ? ", " : null}
            <MethodLabel method={m} />
          </Fragment>
        ))
      : t("factsNone");
  return (
    <div className="mt-2 rounded border border-slate-300 bg-slate-50 p-2" data-testid="approval-facts">
      <p className="font-medium">{t("factsTitle")}</p>
      <ul className="mt-1 list-disc pl-5">
        <li data-fact="methods">{t.rich("factsMethods", { methods: () => methods })}</li>
        <li data-fact="targets">{facts.verificationTargets.length > 0 ? t("factsTargets", { targets: facts.verificationTargets.join(", ") }) : t("factsNoTargets")}</li>
        <li data-fact="phone-lost">{facts.phoneLost ? t("factsPhoneLost") : t("factsPhoneNotLost")}</li>
        <li data-fact="caller-verification">{t("factsVerification", { tries: facts.callerVerification.tries, outcome: t(`factsOutcome.${facts.callerVerification.outcome}`) })}</li>
        <li data-fact="contact">
          {facts.anonymousTicket ? t("factsAnonymous") : t("factsSignedIn")} · {facts.contactDiffers ? <strong>{t("factsContactDiffers")}</strong> : t("factsContactSame")}
        </li>
      </ul>
    </div>
  );
}

/**
 * Four eyes: ask a second agent to approve an action (with the identity check when the person has
 * no verification target, or their phone is lost: then in person only), approve a colleague's
 * request after reading the facts beside the reason, and, once approved, carry it out. A pass
 * after an in-person ID check is shown here once and never again; after a manager's confirmation
 * it goes to the address on file.
 */
export function ApprovalsPanel({ reference, approvals, privileged, hasTargets }: { reference: string; approvals: ApprovalView[]; privileged: boolean; hasTargets: boolean }) {
  const t = useTranslations("helpdesk");
  const locale = useLocale();
  const router = useRouter();
  const [action, setAction] = useState<Action>(privileged ? "safe_reset" : "issue_access_pass");
  const [check, setCheck] = useState<"none" | "in_person_id" | "manager_confirmed">(privileged ? "none" : "in_person_id");
  const [phoneLost, setPhoneLost] = useState(false);
  const [reason, setReason] = useState("");
  const [pass, setPass] = useState<string | null>(null);
  const [emailed, setEmailed] = useState(false);
  const { busy, failure, run, confirm } = useStepUpAction();
  const client = trpcClient(locale).helpdesk;
  const guarded = (work: () => Promise<void>) =>
    run(async () => {
      await work();
      router.refresh();
    });

  return (
    <section aria-labelledby="approvals-heading" className="mt-6" data-testid="approvals">
      <h3 id="approvals-heading" className="font-semibold">
        {t("approvalsTitle")}
      </h3>
      <p className="mt-1 text-sm">{privileged ? t("approvalsPrivileged") : t("approvalsIntro")}</p>
      {failure ? (
        <div className="mt-3">
          <ErrorPanel details={failure} />
        </div>
      ) : null}
      {emailed ? (
        <p role="status" className="mt-3 rounded border border-slate-300 bg-slate-50 p-3" data-testid="pass-emailed">
          {t("passEmailed")}
        </p>
      ) : null}
      {pass ? (
        <div role="status" className="mt-3 rounded border border-amber-400 bg-amber-50 p-3" data-testid="pass-shown-once">
          <p className="font-semibold">{t("passShownOnce")}</p>
          <p className="mt-1 font-mono text-xl" data-testid="pass-value">
            {pass}
          </p>
        </div>
      ) : null}
      <form
        className="mt-3"
        onSubmit={(e) => {
          e.preventDefault();
          void guarded(async () => {
            await client.requestApproval.mutate({ reference, action, reason, ...(check === "none" ? {} : { identityCheck: check, ...(phoneLost ? { phoneLost } : {}) }) });
            setReason("");
            setPhoneLost(false);
          });
        }}
      >
        <label htmlFor="approval-action" className="block font-medium">
          {t("approvalAction")}
        </label>
        <select id="approval-action" value={action} onChange={(e) => setAction(e.target.value as Action)} className="mt-1 rounded border border-slate-400 bg-white px-3 py-2">
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`actions.${a}`)}
            </option>
          ))}
        </select>
        {hasTargets ? (
          <p className="mt-3 text-sm" data-testid="identity-check-has-targets">
            {t("identityCheckHasTargets")}
          </p>
        ) : null}
        <fieldset className="mt-3">
          <legend className="font-medium">{t("identityCheckLegend")}</legend>
          {(privileged ? (["none", "in_person_id", "manager_confirmed"] as const) : (["in_person_id", "manager_confirmed"] as const)).map((option) => (
            <div key={option} className="mt-1 flex items-center gap-2">
              <input id={`approval-check-${option}`} type="radio" name="approval-check" className="h-5 w-5" checked={check === option} onChange={() => setCheck(option)} />
              <label htmlFor={`approval-check-${option}`}>{t(option === "none" ? "identityNone" : option === "in_person_id" ? "identityChecked" : "identityManager")}</label>
            </div>
          ))}
          {check !== "none" ? (
            <div className="mt-2 flex items-center gap-2">
              <input id="approval-phone-lost" type="checkbox" className="h-5 w-5" checked={phoneLost} onChange={(e) => setPhoneLost(e.target.checked)} />
              <label htmlFor="approval-phone-lost">{t("phoneLost")}</label>
            </div>
          ) : null}
        </fieldset>
        <label htmlFor="approval-reason" className="mt-2 block font-medium">
          {t("approvalReason")}
        </label>
        <textarea
          id="approval-reason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 block w-full rounded border border-slate-400 px-3 py-2"
        />
        <button type="submit" disabled={busy} className="mt-2 rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-900 hover:bg-brand-50 disabled:opacity-50">
          {t("requestApproval")}
        </button>
      </form>
      {approvals.length > 0 ? (
        <ul className="mt-4 space-y-2" data-testid="approval-list">
          {approvals.map((a) => (
            <li
              key={a.id}
              className="rounded border border-slate-200 p-2 text-sm"
              data-approval-state={a.used ? "used" : a.expired ? "expired" : a.approved ? "approved" : "waiting"}
            >
              <p>
                {t("approvalLine", { action: t(`actions.${a.action}`), requester: a.requesterUsername })} ·{" "}
                {a.used ? t("approvalUsed") : a.expired ? t("approvalExpired") : a.approved ? t("approvalApproved") : t("approvalWaiting")}
              </p>
              {a.identityCheck === "manager_confirmed" ? (
                <p data-testid="manager-state">
                  {a.managerDecision === "confirmed" ? t("managerConfirmed") : a.managerDecision === "declined" ? t("managerDeclined") : t("managerWaiting")}
                </p>
              ) : null}
              <p className="whitespace-pre-wrap break-words text-slate-700">{a.reason}</p>
              {!a.used && !a.expired && !a.approved ? <FactsList facts={a.facts} /> : null}
              {!a.used && !a.expired && !a.approved && !a.mine && (a.identityCheck !== "manager_confirmed" || a.managerDecision === "confirmed") ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => guarded(async () => void (await client.approve.mutate({ approvalId: a.id, factsDigest: a.factsDigest })))}
                  className="mt-1 rounded bg-brand-700 px-3 py-1 font-medium text-white"
                >
                  {t("approve")}
                </button>
              ) : null}
              {!a.used && !a.expired && a.approved && a.mine && a.kind === "identity_check" ? (
                <button
                  type="button"
                  disabled={busy}
                  onClick={() =>
                    guarded(async () => {
                      const done = await client.reset.mutate({ reference, action: a.action, approvalId: a.id });
                      if (done.pass) setPass(done.pass);
                      else if (a.action === "issue_access_pass" || a.action === "safe_reset") setEmailed(true);
                    })
                  }
                  className="mt-1 rounded bg-red-800 px-3 py-1 font-medium text-white"
                >
                  {t("carryOut")}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {confirm}
    </section>
  );
}
