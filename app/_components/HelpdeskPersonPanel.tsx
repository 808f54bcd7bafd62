import { getFormatter, getTranslations } from "next-intl/server";
import type { personOverview } from "@/server/helpdesk/person-overview";
import { ApprovalsPanel, type ApprovalView } from "./ApprovalsPanel";
import { CallerVerification } from "./CallerVerification";
import { MethodLabel } from "./MethodLabel";

type Overview = Awaited<ReturnType<typeof personOverview>>;

/**
 * The account behind a ticket, for the agent: methods (masked), lock, last successful sign-in;
 * then caller verification and the reset actions, which stay locked until the caller is verified.
 */
export async function HelpdeskPersonPanel({ reference, overview, approvals }: { reference: string; overview: Overview; approvals: ApprovalView[] }) {
  const t = await getTranslations("helpdesk");
  const sec = await getTranslations("securityInfo");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="person-heading" className="mt-8 rounded border border-slate-200 bg-white p-4" data-testid="helpdesk-person">
      <h2 id="person-heading" className="text-xl font-semibold">
        {t("personTitle", { name: overview.person.displayName, username: overview.person.username })}
      </h2>
      <p className="mt-1 text-sm">
        {t(`roles.${overview.person.role}`)}
        {overview.person.disabled ? ` · ${t("disabled")}` : ""}
      </p>
      <h3 className="mt-4 font-semibold">{t("methodsTitle")}</h3>
      {overview.methods.length === 0 ? <p className="mt-1">{t("noMethods")}</p> : null}
      <ul className="mt-1 list-disc pl-6" data-testid="helpdesk-methods">
        {overview.methods.map((m) => (
          <li key={m.id}>
            <MethodLabel method={m} />
            {m.suspended ? ` · ${t("suspended")}` : ""}
            {m.addedAt ? ` · ${sec("addedOn", { date: when(m.addedAt) })}` : ""}
            {m.lastUsedAt ? ` · ${sec("lastUsed", { date: when(m.lastUsedAt) })}` : ""}
          </li>
        ))}
      </ul>
      <p className="mt-3" data-testid="helpdesk-lock">
        {overview.lockedUntil ? t("lockedUntil", { time: when(overview.lockedUntil) }) : t("notLocked")}
      </p>
      <p className="mt-1">{overview.lastSignIn ? t("lastSignIn", { time: when(overview.lastSignIn.occurredAt), method: overview.lastSignIn.method ?? "" }) : t("noSignIn")}</p>
      <CallerVerification
        reference={reference}
        targets={overview.verificationTargets}
        approvedFor={Object.fromEntries(approvals.filter((a) => a.mine && a.approved && !a.used && !a.expired && a.kind === "privileged").map((a) => [a.action, a.id]))}
      />
      <ApprovalsPanel reference={reference} approvals={approvals} privileged={overview.person.role !== "person"} hasTargets={overview.verificationTargets.length > 0} />
    </section>
  );
}
