import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { type CallMode, outboxMessages, people, type Channel } from "@/db/schema";
import { now } from "../core/clock";
import { seal } from "../crypto/secret-box";
import type { ErrorParams } from "../core/errors";
import { translate, type AppLocale } from "../i18n/translate";
import { shownText } from "../validation/text";

/** Message kinds; each has notices.<template>.subject and .body in both languages. */
export const TEMPLATES = [
  "lockout_locked",
  "method_added",
  "method_removed",
  "sign_in_code",
  "sign_in_call",
  "step_up_call",
  "call_fraud_reported",
  "push_reported",
  "verify_number_code",
  "default_changed",
  "number_changed",
  "ticket_received",
  "ticket_reply",
  "ticket_reply_withheld",
  "ticket_reply_on_file",
  "ticket_status_changed",
  "ticket_merged",
  "manager_confirmation_requested",
  "helpdesk_verification_code",
  "helpdesk_verification_call",
  "helpdesk_signed_out_everywhere",
  "helpdesk_unlocked",
  "helpdesk_methods_cleared",
  "helpdesk_safe_reset",
  "access_pass_issued",
  "access_pass_handed_over",
  "enrolment_link",
  "admin_approval_requested",
  "admin_sole_admin_change",
  "recovery_codes_generated",
  "recovery_code_used",
] as const;
export type Template = (typeof TEMPLATES)[number];

export function contentBinding(messageId: string): string {
  return `outbox|${messageId}`;
}

/**
 * Writes a message into the outbox in the caller's transaction: if the change rolls back, so does
 * the message. The content is rendered now, in the recipient's language, and sealed. A call says
 * how it goes (`call`): asking for keys (what the phone does comes back as inbound events) or
 * only speaking its text.
 */
export async function enqueueMessage(
  db: Executor,
  input: {
    channel: Channel;
    recipient: string;
    personId: string | null;
    locale: AppLocale;
    template: Template;
    params?: ErrorParams;
    correlationId?: string | null;
    /** Send at most this many rounds (default 5; a code or call is worth one). */
    maxAttempts?: number;
    /** Calls only, and required for them: "keys" (a verification call) or "spoken" (it reads a code out). */
    call?: CallMode;
  },
): Promise<string> {
  if ((input.channel === "voice") !== (input.call !== undefined)) throw new Error(`enqueueMessage: a call says how it goes (call), and only a call (${input.template})`);
  const id = randomUUID();
  const at = now();
  const subject = input.channel === "email" ? translate(input.locale, `notices.${input.template}.subject`, input.params) : null;
  const body = translate(input.locale, `notices.${input.template}.body`, input.params);
  await db.insert(outboxMessages).values({
    id,
    channel: input.channel,
    recipient: input.recipient,
    personId: input.personId,
    locale: input.locale,
    template: input.template,
    callMode: input.call ?? null,
    contentEnvelope: seal(Buffer.from(JSON.stringify({ subject, body })), contentBinding(id)),
    correlationId: input.correlationId ?? null,
    maxAttempts: input.maxAttempts ?? 5,
    nextAttemptAt: at,
    createdAt: at,
  });
  return id;
}

/**
 * The method a notice is about, as its description names it (server/verification/methods
 * MethodDescription; delivery imports nothing from verification, so only the fields it needs).
 */
export interface NoticeMethod {
  labelKey: string;
  /** Masked: "+31 6 ••••• 51", never the full number. */
  detail: string | null;
  nickname: string | null;
}

/**
 * A method as a notice's sentence names it, in the recipient's language: "mobile phone
 * +31 6 ••••• 51", with the person's own name for it when they gave one.
 */
export function methodInSentence(locale: AppLocale, method: NoticeMethod): string {
  const named = translate(locale, `methods.inSentence.${method.labelKey}`) + (method.detail ? ` ${method.detail}` : "");
  return method.nickname ? translate(locale, "methods.nicknamed", { method: named, nickname: shownText(method.nickname) }) : named;
}

/**
 * Several methods as a sentence lists them, in the recipient's language: "authenticator app,
 * mobile phone +31 6 ••••• 51 and recovery codes" (each named as methodInSentence names it).
 */
export function methodsInSentence(locale: AppLocale, methods: readonly NoticeMethod[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(methods.map((m) => methodInSentence(locale, m)));
}

/**
 * An email notice to a person about their own account (skipped when they have no address). With
 * `method`, the notice names that method ({method}); `methods` names more (param name → method,
 * e.g. {previous}); `methodList` names several at once (param name → methods: the list as a
 * sentence in {name}, and how many in {nameCount}); `localized` adds params that are message keys,
 * translated into the recipient's language.
 */
export async function noticeToPerson(
  db: Executor,
  input: {
    personId: string;
    template: Template;
    params?: ErrorParams;
    method?: NoticeMethod;
    methods?: Record<string, NoticeMethod>;
    methodList?: Record<string, readonly NoticeMethod[]>;
    localized?: Record<string, string>;
    correlationId?: string | null;
  },
): Promise<void> {
  const [person] = await db.select({ email: people.email, locale: people.locale }).from(people).where(eq(people.id, input.personId));
  if (!person?.email) return;
  const params: ErrorParams = { ...input.params };
  if (input.method) params.method = methodInSentence(person.locale, input.method);
  for (const [name, method] of Object.entries(input.methods ?? {})) params[name] = methodInSentence(person.locale, method);
  for (const [name, list] of Object.entries(input.methodList ?? {})) {
    params[name] = methodsInSentence(person.locale, list);
    params[`${name}Count`] = list.length;
  }
  for (const [name, key] of Object.entries(input.localized ?? {})) params[name] = translate(person.locale, key);
  await enqueueMessage(db, {
    channel: "email",
    recipient: person.email,
    personId: input.personId,
    locale: person.locale,
    template: input.template,
    params,
    correlationId: input.correlationId,
  });
}
