import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { isStaff } from "@/server/auth/session-rules";
import type { Diagnosis } from "@/server/diagnosis/explain";
import { isAppError } from "@/server/core/errors";
import { now } from "@/server/core/clock";
import { approvalsOnTicket } from "@/server/helpdesk/approvals";
import { cannedResponses } from "@/server/helpdesk/canned-responses";
import { personOverview } from "@/server/helpdesk/person-overview";
import type { ApprovalView } from "../../../../../_components/ApprovalsPanel";
import { ticketForHelpdesk } from "@/server/tickets/read-tickets";
import { mergeLinks } from "@/server/tickets/staff-actions";
import { historyOfTicket } from "@/server/tickets/ticket-history";
import { Link } from "@/i18n/navigation";
import { TICKET_REFERENCE_PATTERN } from "@/server/tickets/tickets.schemas";
import { DiagnosisView } from "../../../../../_components/DiagnosisView";
import { HelpdeskPersonPanel } from "../../../../../_components/HelpdeskPersonPanel";
import { StaffTicketActions } from "../../../../../_components/StaffTicketActions";
import { StatusLinkPanel } from "../../../../../_components/StatusLinkPanel";
import { requirePageSession } from "../../../../../_lib/page-session";
import { titleFrom } from "../../../../../_lib/metadata";
import { shownText } from "@/server/validation/text";

export const generateMetadata = titleFrom("helpdesk");

/**
 * The helpdesk's view of one ticket: what the person wrote, the five fields, the wizard answers,
 * and the sign-in behind the correlation ID with its diagnosis. Staff only. Ticket text is
 * hostile input: rendered as text, never as HTML. Staff reply (public or internal) and change the
 * status here. (The queue and the console around it come with issue 6.)
 */
export default async function HelpdeskTicketPage({ params }: { params: Promise<{ locale: "nl" | "en"; reference: string }> }) {
  const { locale, reference } = await params;
  setRequestLocale(locale);
  const session = await requirePageSession(locale);
  if (!isStaff(session.person.role) || !TICKET_REFERENCE_PATTERN.test(reference)) notFound();
  const ticket = await ticketForHelpdesk(reference).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const overview = ticket.personId ? await personOverview(ticket.reference) : null;
  const at = now();
  const history = await historyOfTicket(ticket);
  const { into: mergedInto, duplicates } = await mergeLinks(ticket);
  const approvals = (await approvalsOnTicket(ticket.id, at)).map((a) => ({
    id: a.id,
    action: a.action as ApprovalView["action"],
    kind: a.kind,
    identityCheck: a.identityCheck,
    managerDecision: a.managerDecision,
    reason: a.reason,
    requesterUsername: a.requesterUsername,
    mine: a.requestedBy === session.person.id,
    approved: a.approvedAt !== null,
    used: a.usedAt !== null,
    expired: a.expiresAt <= at,
    facts: a.facts,
    factsDigest: a.factsDigest,
  }));
  const t = await getTranslations("helpdesk");
  const hi = await getTranslations("history");
  const au = await getTranslations("audit");
  const tk = await getTranslations("tickets");
  const e = await getTranslations("errorDetails");
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "medium" });
  const diagnosis = ticket.diagnosis as (Diagnosis & { matchesRequester?: boolean }) | null;
  const fields: Array<[string, string | null]> = [
    [t("requester"), `${ticket.requesterName} (${ticket.requesterUsername})`],
    [t("submittedBy"), ticket.submittedBy === "person" ? t("submittedSignedIn") : t("submittedAnonymous")],
    [t("standingLabel"), t(`standing.${ticket.standing}`)],
    [t("contact"), ticket.contactEmail],
    [t("priority"), t(`priorities.${ticket.priority}`)],
    [tk("category"), tk(`categories.${ticket.category}`)],
    [t("status"), tk(`statuses.${ticket.status}`)],
    [t("created"), when(ticket.createdAt)],
    [e("code"), ticket.errorCode],
    [e("correlationId"), ticket.correlationId],
    [e("sessionId"), ticket.displaySessionId],
    [e("timestamp"), ticket.occurredAtText],
    [e("page"), ticket.pageUrl],
    [t("browser"), ticket.browser],
    [t("clockOffset"), ticket.clockOffsetSeconds === null ? null : `${ticket.clockOffsetSeconds} s`],
    [t("clientIp"), ticket.clientIp],
  ];
  return (
    <article data-testid="helpdesk-ticket">
      <p className="font-mono text-sm text-slate-600">{ticket.reference}</p>
      <h1 className="text-2xl font-bold">{shownText(ticket.subject)}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {fields.map(([label, value]) =>
          value ? (
            <div key={label} className="contents">
              <dt className="font-medium">{label}</dt>
              <dd className="break-all">{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
      {mergedInto ? (
        <p className="mt-3 rounded border border-slate-300 bg-slate-50 p-2 text-sm" data-testid="merged-into">
          {t("mergedInto")}{" "}
          <Link href={`/helpdesk/tickets/${mergedInto}`} className="font-mono underline">
            {mergedInto}
          </Link>
        </p>
      ) : null}
      {duplicates.length > 0 ? (
        <p className="mt-3 text-sm" data-testid="merged-from">
          {t("mergedFrom")}:{" "}
          {duplicates.map((d, i) => (
            <span key={d}>
              {i > 0 ? ", " : null}
              <Link href={`/helpdesk/tickets/${d}`} className="font-mono underline">
                {d}
              </Link>
            </span>
          ))}
        </p>
      ) : null}
      {ticket.submittedBy === "anonymous" ? (
        <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm" data-testid="unverified-requester">
          {ticket.standing === "address_differs" ? (
            <p className="font-medium" data-testid="address-differs">
              {t("addressDiffersNotice")}
            </p>
          ) : null}
          <p>{t("unverified")}</p>
        </div>
      ) : null}
      <h2 className="mt-6 text-xl font-semibold">{tk("description")}</h2>
      <p className="mt-2 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white p-3" data-testid="helpdesk-description">
        {ticket.description}
      </p>
      {ticket.redactions.length > 0 ? <p className="mt-1 text-sm">{t("redacted", { kinds: ticket.redactions.join(", ") })}</p> : null}

      <h2 className="mt-6 text-xl font-semibold">{t("signInTitle")}</h2>
      {diagnosis ? (
        <div className="mt-2">
          {diagnosis.matchesRequester === false ? <p className="mb-2 text-sm font-medium text-red-900">{t("notRequesterSignIn")}</p> : null}
          <DiagnosisView diagnosis={diagnosis} locale={locale} headingLevel={3} />
        </div>
      ) : ticket.correlationId ? (
        <p className="mt-2" data-testid="sign-in-not-attached">
          {t("signInNotAttached")}
        </p>
      ) : (
        <p className="mt-2">{t("noSignIn")}</p>
      )}

      {ticket.wizardAnswers?.length ? (
        <>
          <h2 className="mt-6 text-xl font-semibold">{t("wizardAnswers")}</h2>
          <ol className="mt-2 list-decimal pl-6 font-mono text-sm" data-testid="wizard-answers">
            {ticket.wizardAnswers.map((a, i) => (
              <li key={i}>
                {a.step}: {a.answer ?? ""}
              </li>
            ))}
          </ol>
        </>
      ) : null}

      <h2 className="mt-6 text-xl font-semibold">{tk("conversation")}</h2>
      <ol className="mt-2 space-y-3">
        {ticket.messages.map((m) => (
          <li key={m.id} className="rounded border border-slate-200 bg-white p-3">
            <p className="text-sm text-slate-600">
              {tk(`authors.${m.author}`)} · {m.visibility} · {when(m.createdAt)}
            </p>
            <p className="mt-1 whitespace-pre-wrap break-words">{m.body}</p>
          </li>
        ))}
      </ol>
      <h2 className="mt-6 text-xl font-semibold">{hi("title")}</h2>
      <ol className="mt-2 space-y-1 text-sm" data-testid="ticket-history">
        {history.map((h, i) => (
          <li key={i}>
            <time dateTime={h.at.toISOString()} className="text-slate-600">
              {when(h.at)}
            </time>{" "}
            · {h.action === "ticket.filed" ? hi("filed") : au(`actionNames.${h.action}`)}
            {h.actorUsername ? ` · ${hi("byPerson", { username: h.actorUsername })}` : null}
            {h.outcome === "failure" ? <span className="font-medium text-red-900">{` · ${hi("failed")}${h.reason ? ` (${h.reason})` : ""}`}</span> : null}
          </li>
        ))}
      </ol>
      {overview ? <HelpdeskPersonPanel reference={ticket.reference} overview={overview} approvals={approvals} /> : <p className="mt-8">{t("noAccount")}</p>}
      <StaffTicketActions reference={ticket.reference} status={ticket.status} canned={cannedResponses(ticket.locale, locale)} />
      {ticket.contactEmail ? (
        <StatusLinkPanel
          reference={ticket.reference}
          state={ticket.statusLink.state}
          expiresOn={ticket.statusLink.expiresAt ? format.dateTime(ticket.statusLink.expiresAt, { dateStyle: "long" }) : null}
        />
      ) : null}
    </article>
  );
}
