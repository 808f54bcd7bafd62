import { eq } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { mfaMethods, people } from "@/db/schema";
import { confirmEnrolment, deliverEnrolmentMessage } from "../verification/methods/enrolment";
import type { DefaultChannel, EnrolContext, MethodDescription, MethodKind } from "../verification/methods/method";
import { methodRow, methodRows } from "../verification/methods/method-rows";
import { channelTraits, describeMethod, type EnrolInput, type EnrolKind, type EnrolShown, enrolmentFor, retireMethods } from "../verification/methods/registry";
import { type SignInOption, signInOptions } from "../verification/methods/sign-in-options";
import { recordAudit } from "../audit/record-audit";
import { noticeToPerson } from "../delivery/enqueue";
import type { SessionContext } from "../auth/sessions";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import type { RequestInfo } from "../http/request-info";
import { getPolicy } from "../policy/policy";
import { lastMethodRefusal } from "../verification/enrolment-rules";
import { type ActivationState, beginPushActivation, type PushActivationSetup, pushActivationState } from "../verification/methods/push/push-activation";
import { normalizeCode } from "../verification/verify-second-factor";
import { assertMayRemoveOlderMethod } from "../verification/methods/access-pass/access-passes";
import { assertFreshFactor, assertMayAddMethod } from "./fresh-factor";

/** A method as security info lists it: its description (label, masked detail, nickname, dates). */
export type MethodSummary = MethodDescription & { id: string };

/** The person's registered methods, for security info (no secrets). */
export async function listMethods(session: SessionContext): Promise<MethodSummary[]> {
  const rows = await methodRows(await getDb(), session.person.id);
  return rows.map((row) => ({ id: row.method.id, ...describeMethod(row) }));
}

/**
 * One of the person's own methods removed in the last hour, for security info to say what it
 * removed ("removed: Mobile phone +31 6 ••••• 51"); null for anything else.
 */
export async function recentlyRemovedMethod(session: SessionContext, methodId: string): Promise<MethodDescription | null> {
  const row = await methodRow(await getDb(), session.person.id, methodId, { state: "any" });
  if (!row?.method.removedAt || now().getTime() - row.method.removedAt.getTime() > 60 * 60_000) return null;
  return describeMethod(row);
}

/**
 * The person names one of their methods ("work phone"); an empty name clears it. A plain session
 * is enough: the name changes nothing about how anyone signs in (it is shown only to the person
 * and their helpdesk, always beside the label and masked number), so asking for a fresh factor
 * would add friction without protecting anything. Audited all the same.
 */
export async function renameMethod(session: SessionContext, input: { methodId: string; nickname: string }, request: RequestInfo): Promise<MethodDescription> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const row = await methodRow(tx, session.person.id, input.methodId, { state: "active" });
    if (!row) throw new AppError("NOT_FOUND");
    const nickname = input.nickname === "" ? null : input.nickname;
    await tx.update(mfaMethods).set({ nickname }).where(eq(mfaMethods.id, row.method.id));
    await recordAudit(tx, {
      action: "method.renamed",
      actorKind: "person",
      actorPersonId: session.person.id,
      targetPersonId: session.person.id,
      correlationId: session.correlationId,
      clientIp: request.ip,
      detail: { kind: row.method.kind, methodId: row.method.id, named: nickname !== null },
    });
    return describeMethod({ ...row, method: { ...row.method, nickname } });
  });
}

/**
 * Security info: the authenticator app with notifications ("receive notifications", seed 003): an
 * activation for the device to take up (QR code, or code and URL by hand).
 */
export async function beginPushFromSecurityInfo(session: SessionContext): Promise<PushActivationSetup> {
  const at = now();
  await assertMayAddMethod(session, at);
  const db = await getDb();
  return db.transaction((tx) => beginPushActivation(tx, { personId: session.person.id, owner: { sessionId: session.sessionId }, at }));
}

/** Security info waits for the device to activate (the page asks every few seconds). */
export async function pushActivationStatus(session: SessionContext, input: { activationId: string }): Promise<ActivationState> {
  return pushActivationState(await getDb(), { personId: session.person.id, owner: { sessionId: session.sessionId }, activationId: input.activationId, at: now() });
}

/**
 * Retires one of the person's own methods, in the caller's transaction: refused for a method that
 * is not theirs (NOT_FOUND) or that an administrator manages (the office phone); with
 * `keepOne`, refused when the policy requires two-step verification and it is the last method, or
 * the last one besides a last resort (recovery codes cannot be the only way in).
 * Audited, and the person is told which method went (its label and masked detail).
 */
async function retireOwnMethod(
  tx: Executor,
  session: SessionContext,
  request: RequestInfo,
  input: { methodId: string; at: Date; keepOne: boolean; onlyKind?: MethodKind; replacedBy?: string; notify?: boolean },
): Promise<MethodDescription> {
  const target = await methodRow(tx, session.person.id, input.methodId, { state: "active", kind: input.onlyKind });
  if (!target) throw new AppError("NOT_FOUND");
  const method = describeMethod(target);
  if (method.managedBy === "admin") throw new AppError("MFA_METHOD_MANAGED");
  await assertMayRemoveOlderMethod(tx, { personId: session.person.id, methodId: input.methodId, at: input.at });
  if (input.keepOne) {
    const [person] = await tx.select().from(people).where(eq(people.id, session.person.id));
    const policy = await getPolicy(tx, person!.organisationId);
    const refusal = policy.requireTwoStep ? await lastMethodRefusal(tx, session.person.id, [input.methodId]) : null;
    if (refusal) throw new AppError(refusal);
  }
  // Through the method's own retire (the registry's one reset): a removed phone's pending codes and calls end with it.
  const retired = await retireMethods(tx, { personId: session.person.id, at: input.at, kinds: [target.method.kind], only: [input.methodId] });
  if (retired.count !== 1) throw new AppError("NOT_FOUND");
  await recordAudit(tx, {
    action: "method.removed",
    actorKind: "person",
    actorPersonId: session.person.id,
    targetPersonId: session.person.id,
    correlationId: session.correlationId,
    clientIp: request.ip,
    detail: { kind: method.kind, methodId: input.methodId, label: method.labelKey, number: method.detail, replacedBy: input.replacedBy ?? null },
  });
  if (input.notify !== false) await noticeToPerson(tx, { personId: session.person.id, template: "method_removed", method, correlationId: session.correlationId });
  return method;
}

/**
 * Removes a method (fresh second factor required). When the policy requires two-step
 * verification, the last method cannot be removed, nor the last one besides recovery codes: add
 * another one first.
 */
export async function removeMethod(session: SessionContext, methodId: string, request: RequestInfo): Promise<{ removed: MethodDescription }> {
  const at = now();
  assertFreshFactor(session, at);
  const db = await getDb();
  return { removed: await db.transaction((tx) => retireOwnMethod(tx, session, request, { methodId, at, keepOne: true })) };
}

/** The session as the owner of a registration: what it begins is bound to it. */
function enrolContext(session: SessionContext, request: RequestInfo, at: Date): EnrolContext {
  return { personId: session.person.id, owner: { sessionId: session.sessionId }, at, correlationId: session.correlationId, clientIp: request.ip };
}

/**
 * Security info: begin adding a method of this kind (fresh second factor, or a first method in the
 * onboarding window): what the page shows (the app's QR code and key; the masked number a code
 * was sent to, sent now).
 */
export async function beginMethodFromSecurityInfo<K extends EnrolKind>(
  session: SessionContext,
  kind: K,
  input: EnrolInput<K>,
  request: RequestInfo,
): Promise<{ methodId: string } & EnrolShown<K>> {
  const at = now();
  await assertMayAddMethod(session, at);
  const db = await getDb();
  const begun = await db.transaction((tx) => enrolmentFor(kind).begin(tx, enrolContext(session, request, at), input));
  await deliverEnrolmentMessage(begun);
  return { methodId: begun.methodId, ...begun.shown };
}

/**
 * Confirms a new method with its first code. With `replaces` the new one takes the place of one of
 * the person's methods of the same kind ("change my number", for kinds that allow it): the old one
 * goes in the same transaction (a fresh second factor is needed for that), and one notice names both.
 */
export async function confirmMethodFromSecurityInfo(
  session: SessionContext,
  kind: EnrolKind,
  input: { methodId: string; code: string; replaces?: string },
  request: RequestInfo,
): Promise<{ methodId: string }> {
  const at = now();
  await assertMayAddMethod(session, at);
  if (input.replaces) assertFreshFactor(session, at);
  const replacementNotice = enrolmentFor(kind).replacementNotice;
  if (input.replaces && !replacementNotice) throw new AppError("INPUT_INVALID");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const outcome = await confirmEnrolment(tx, kind, enrolContext(session, request, at), {
      methodId: input.methodId,
      response: normalizeCode(input.code),
      // A method that replaces another: one notice names both.
      notify: !input.replaces,
    });
    if (!outcome.ok) throw new AppError(outcome.code, { params: outcome.params });
    if (input.replaces && replacementNotice) {
      const previous = await retireOwnMethod(tx, session, request, { methodId: input.replaces, at, keepOne: false, onlyKind: kind, replacedBy: input.methodId, notify: false });
      const replacement = await methodRow(tx, session.person.id, input.methodId);
      await noticeToPerson(tx, {
        personId: session.person.id,
        template: replacementNotice,
        method: describeMethod(replacement!),
        methods: { previous },
        correlationId: session.correlationId,
      });
    }
    return { methodId: outcome.methodId };
  });
}

/** The way to sign in offered first (any of the person's options); a notice tells the person. */
export async function setDefaultMethod(session: SessionContext, input: { methodId: string; channel: DefaultChannel }, request: RequestInfo): Promise<void> {
  const db = await getDb();
  const options = await signInOptions(db, session.person.id);
  if (!options.some((o) => o.methodId === input.methodId && o.channel === input.channel)) throw new AppError("NOT_FOUND");
  await db.transaction(async (tx) => {
    const row = await methodRow(tx, session.person.id, input.methodId, { state: "active" });
    if (!row) throw new AppError("NOT_FOUND");
    await tx.update(people).set({ defaultMethodId: input.methodId, defaultChannel: input.channel }).where(eq(people.id, session.person.id));
    await recordAudit(tx, {
      action: "method.default_changed",
      actorKind: "person",
      actorPersonId: session.person.id,
      targetPersonId: session.person.id,
      correlationId: session.correlationId,
      clientIp: request.ip,
      detail: { methodId: input.methodId, channel: input.channel },
    });
    await noticeToPerson(tx, {
      personId: session.person.id,
      template: "default_changed",
      method: describeMethod(row),
      localized: { way: `methods.ways.${input.channel}` },
      correlationId: session.correlationId,
    });
  });
}

/** The ways that may be the default: every sign-in option but a last resort (recovery codes). */
export async function listSignInOptions(session: SessionContext) {
  const options = (await signInOptions(await getDb(), session.person.id)).filter((o): o is SignInOption & { channel: DefaultChannel } => !channelTraits(o.channel).lastResort);
  const [person] = await (await getDb()).select({ m: people.defaultMethodId, c: people.defaultChannel }).from(people).where(eq(people.id, session.person.id));
  return options.map((o) => ({ ...o, isDefault: o.methodId === person?.m && o.channel === person?.c }));
}
