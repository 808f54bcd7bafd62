import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people } from "@/db/schema";
import { getPolicy } from "../../policy/policy";
import type { Channel, MethodLabelKey } from "./method";
import { methodRows } from "./method-rows";
import { channelTraits, describeMethod, offeredChannels } from "./registry";

/** One way to give the second factor: a method and how to use it. */
export interface SignInOption {
  methodId: string;
  channel: Channel;
  /** What the person sees: for phones the masked number, never the number itself. */
  display: string | null;
  /** The method's name (messages methods.labels), from its description: an office phone is named so. */
  labelKey: MethodLabelKey;
}

/**
 * Every registered, usable way to sign in: the person's default first, then strongest first
 * (authenticator app before text, text before call): the "sign in another way" list. Each method
 * says which of its channels it offers under the policy and the person's role (registry.ts).
 */
export async function signInOptions(db: Executor, personId: string): Promise<SignInOption[]> {
  const [person] = await db
    .select({ organisationId: people.organisationId, role: people.role, defaultMethodId: people.defaultMethodId, defaultChannel: people.defaultChannel })
    .from(people)
    .where(eq(people.id, personId));
  const policy = await getPolicy(db, person!.organisationId);
  const rows = await methodRows(db, personId);
  const options: SignInOption[] = rows.flatMap((row) =>
    offeredChannels(row, { policy, role: person!.role }).map((channel) => ({
      methodId: row.method.id,
      channel,
      display: describeMethod(row).detail,
      labelKey: describeMethod(row).labelKey,
    })),
  );
  const isDefault = (o: SignInOption) => o.methodId === person!.defaultMethodId && o.channel === person!.defaultChannel;
  return options.sort((a, b) => Number(isDefault(b)) - Number(isDefault(a)) || channelTraits(a.channel).strength - channelTraits(b.channel).strength);
}
