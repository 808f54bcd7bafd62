import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people } from "@/db/schema";
import { isStaff } from "../../auth/session-rules";
import { getPolicy } from "../../policy/policy";
import { methodRows } from "./method-rows";
import { phoneUsableFor } from "./phone/phone-number";
import { describeMethod } from "./registry";

/** One way to give the second factor: a method and how to use it. */
export interface SignInOption {
  methodId: string;
  channel: "totp" | "sms" | "voice";
  /** What the person sees: for phones the masked number, never the number itself. */
  display: string | null;
}

const STRENGTH: Record<SignInOption["channel"], number> = { totp: 0, sms: 1, voice: 2 };

/**
 * Every registered, usable way to sign in: the person's default first, then strongest first
 * (authenticator app before text, text before call):
 * the "sign in another way" list. A mobile phone takes texts and calls; alternate and office phones
 * calls only, as far as the policy allows texts and calls. Unverified or suspended numbers are left out,
 * and so is a channel the number's kind does not allow (a number stored before that rule).
 * Staff (agents, administrators) sign in with an authenticator only, never by text or call: their
 * accounts can reset other people's, so a SIM swap must not reach them.
 */
export async function signInOptions(db: Executor, personId: string): Promise<SignInOption[]> {
  const [person] = await db
    .select({ organisationId: people.organisationId, role: people.role, defaultMethodId: people.defaultMethodId, defaultChannel: people.defaultChannel })
    .from(people)
    .where(eq(people.id, personId));
  const policy = await getPolicy(db, person!.organisationId);
  const rows = await methodRows(db, personId);
  const options: SignInOption[] = [];
  for (const { method, phone } of rows) {
    if (method.kind === "totp") options.push({ methodId: method.id, channel: "totp", display: null });
    if (method.kind === "phone" && phone?.verifiedAt && !phone.suspendedAt && !isStaff(person!.role)) {
      const display = describeMethod({ method, phone }).detail;
      if (phone.role === "mobile" && policy.textAllowed && phoneUsableFor(phone.e164, "text")) options.push({ methodId: method.id, channel: "sms", display });
      if (policy.voiceAllowed && phoneUsableFor(phone.e164, "call")) options.push({ methodId: method.id, channel: "voice", display });
    }
  }
  const isDefault = (o: SignInOption) => o.methodId === person!.defaultMethodId && o.channel === person!.defaultChannel;
  return options.sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)) || STRENGTH[a.channel] - STRENGTH[b.channel]);
}
