import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people, tickets } from "@/db/schema";
import { keyedHash } from "../crypto/keyed-hash";
import { explainCorrelation } from "../diagnosis/diagnose-sign-in";
import { clockTime, translate } from "../i18n/translate";
import { STATUS_TOKEN_DOMAIN, statusLink, statusTokenFor } from "./submit-ticket";
import { priorityFor } from "./ticket-rules";
import { ticketReference } from "./tickets.schemas";

/**
 * A sign-in the person reported as not theirs on their own device ("It wasn't me" on a push): a
 * ticket in their name, category suspicious sign-in (high priority: someone else may know the
 * password), with that sign-in's helpdesk view attached, so an agent sees where it came from
 * without asking. Written in the caller's transaction; one ticket per report (its idempotency key
 * is the report's).
 */
export async function fileReportedSignIn(
  tx: Executor,
  input: { personId: string; correlationId: string; reportId: string; facts: { ip: string | null; browser: string | null; at: Date }; at: Date },
): Promise<{ reference: string; statusLink: string }> {
  const [person] = await tx.select().from(people).where(eq(people.id, input.personId));
  const locale = person!.locale;
  const diagnosis = await explainCorrelation(tx, input.correlationId);
  const params = {
    time: clockTime(input.facts.at, locale),
    ip: input.facts.ip ?? translate(locale, "tickets.reportedSignIn.unknown"),
    browser: input.facts.browser ?? translate(locale, "tickets.reportedSignIn.unknown"),
  };
  const id = randomUUID();
  const key = `push-report-${input.reportId}`;
  const [row] = await tx
    .insert(tickets)
    .values({
      id,
      personId: input.personId,
      submittedBy: "person",
      requesterName: person!.displayName,
      requesterUsername: person!.username,
      contactEmail: person!.email,
      locale,
      category: "suspicious_sign_in",
      priority: priorityFor({ category: "suspicious_sign_in", finding: diagnosis?.finding?.finding ?? null }),
      status: "new",
      subject: translate(locale, "tickets.reportedSignIn.subject"),
      description: translate(locale, "tickets.reportedSignIn.description", params),
      correlationId: input.correlationId,
      errorCode: "MFA_PUSH_REPORTED",
      occurredAt: input.facts.at,
      diagnosis: diagnosis ? { ...diagnosis, matchesRequester: diagnosis.personId === input.personId } : null,
      redactions: [],
      statusTokenHash: keyedHash(STATUS_TOKEN_DOMAIN, statusTokenFor(id)),
      idempotencyKey: key,
      requestHash: keyedHash("ticket-request", key),
      createdAt: input.at,
      updatedAt: input.at,
    })
    .returning({ number: tickets.number });
  return { reference: ticketReference(row!.number), statusLink: statusLink(locale, id) };
}
