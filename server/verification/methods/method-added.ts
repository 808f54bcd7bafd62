/**
 * What follows every method that was added, wherever it was added (security info, first sign-in,
 * an administrator's office phone): one audit row and one notice, both naming the method as its
 * description does (masked detail, never a secret).
 */
import type { Executor } from "@/db/client";
import { recordAudit, type AuditAction } from "../../audit/record-audit";
import { noticeToPerson } from "../../delivery/enqueue";
import type { MethodDescription } from "./method";
import { methodRow } from "./method-rows";
import { describeMethod } from "./registry";

export interface MethodAddedInput {
  personId: string;
  methodId: string;
  /** Who added it: the person, or a staff member for them. */
  actor: { kind: "person" | "staff"; personId: string };
  /** The audit action (default "method.added"). */
  action?: Extract<AuditAction, "method.added" | "admin.office_phone_set">;
  /** Extra audit detail (what it replaced…). */
  detail?: Record<string, string | number | boolean | null>;
  correlationId: string | null;
  clientIp: string | null;
  /** False when the caller sends one notice about the whole change itself ("number changed"). */
  notify?: boolean;
}

export async function methodAdded(db: Executor, input: MethodAddedInput): Promise<MethodDescription> {
  const row = await methodRow(db, input.personId, input.methodId);
  if (!row) throw new Error(`method ${input.methodId} is not the person's`);
  const method = describeMethod(row);
  await recordAudit(db, {
    action: input.action ?? "method.added",
    actorKind: input.actor.kind,
    actorPersonId: input.actor.personId,
    targetPersonId: input.personId,
    correlationId: input.correlationId,
    clientIp: input.clientIp,
    detail: { kind: method.kind, methodId: method.methodId, label: method.labelKey, number: method.detail, ...input.detail },
  });
  if (input.notify !== false) await noticeToPerson(db, { personId: input.personId, template: "method_added", method, correlationId: input.correlationId });
  return method;
}
