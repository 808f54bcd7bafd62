/**
 * A registration in progress, for the methods that enrol (method.ts EnrolPart): a pending
 * mfa_methods row (not confirmed, not removed) that belongs to the sign-in attempt or session that
 * began it, and that cannot be confirmed after the registration window.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { mfaMethods } from "@/db/schema";
import { AppError } from "../../core/errors";
import type { EnrolContext, EnrolOwner, MethodKind } from "./method";

/** A registration in progress is abandoned after 10 minutes. */
export const REGISTRATION_TTL_SECONDS = 10 * 60;

function ownerColumns(owner: EnrolOwner) {
  return {
    registrationAttemptId: "attemptId" in owner ? owner.attemptId : null,
    registrationSessionId: "sessionId" in owner ? owner.sessionId : null,
  };
}

/**
 * Starts a registration: the owner's registration in progress is abandoned (one per owner:
 * starting again replaces it), and a pending method of this kind is inserted. An app's
 * registration abandons the owner's registration of any kind, a phone's only a phone's
 * (`abandons`), as each did before they shared this.
 */
export async function startRegistration(tx: Executor, context: EnrolContext, input: { kind: MethodKind; label: string; abandons: "any_kind" | "same_kind" }): Promise<string> {
  const ownerColumn = "attemptId" in context.owner ? mfaMethods.registrationAttemptId : mfaMethods.registrationSessionId;
  const ownerId = "attemptId" in context.owner ? context.owner.attemptId : context.owner.sessionId;
  await tx
    .update(mfaMethods)
    .set({ removedAt: context.at })
    .where(
      and(
        eq(mfaMethods.personId, context.personId),
        input.abandons === "same_kind" ? eq(mfaMethods.kind, input.kind) : undefined,
        eq(ownerColumn, ownerId),
        isNull(mfaMethods.confirmedAt),
        isNull(mfaMethods.removedAt),
      ),
    );
  const [method] = await tx
    .insert(mfaMethods)
    .values({ personId: context.personId, kind: input.kind, label: input.label, createdAt: context.at, ...ownerColumns(context.owner) })
    .returning({ id: mfaMethods.id });
  return method!.id;
}

/**
 * The owner's pending method to confirm: MFA_REGISTRATION_EXPIRED when it is not the person's,
 * was begun by another owner, is confirmed or removed already, or is older than the window.
 */
export async function pendingRegistration(tx: Executor, context: EnrolContext, methodId: string): Promise<typeof mfaMethods.$inferSelect> {
  const [row] = await tx
    .select()
    .from(mfaMethods)
    .where(and(eq(mfaMethods.id, methodId), eq(mfaMethods.personId, context.personId)));
  const ownerMatches = row && ("attemptId" in context.owner ? row.registrationAttemptId === context.owner.attemptId : row.registrationSessionId === context.owner.sessionId);
  if (!row || !ownerMatches || row.confirmedAt || row.removedAt || context.at.getTime() - row.createdAt.getTime() > REGISTRATION_TTL_SECONDS * 1000) {
    throw new AppError("MFA_REGISTRATION_EXPIRED");
  }
  return row;
}

/** The first response matched: the method is confirmed (and counts as used now). */
export async function markConfirmed(tx: Executor, methodId: string, at: Date): Promise<void> {
  await tx.update(mfaMethods).set({ confirmedAt: at, lastUsedAt: at }).where(eq(mfaMethods.id, methodId));
}
