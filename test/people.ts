import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import { mfaMethods, organisations, people, phoneNumbers, totpCredentials, type Role } from "../db/schema";
import { now } from "../server/core/clock";
import { hashPassword } from "../server/crypto/password-hash";
import { phoneUsableFor } from "../server/verification/methods/phone/phone-number";
import { newTotpSeed, sealTotpSeed } from "../server/verification/methods/totp/totp-secrets";
import { totpCodeAt } from "../server/verification/methods/totp/verify-totp-code";

/**
 * Two test organisations per worker: "lenient" (policy does not require two-step verification,
 * so a password completes a sign-in) and "strict" (the product default: it is required).
 */
const organisationIds = new Map<string, string>();
async function organisation(kind: "lenient" | "strict"): Promise<string> {
  let id = organisationIds.get(kind);
  if (!id) {
    const db = await getDb();
    const [org] = await db
      .insert(organisations)
      .values({ name: `Test ${kind}`, createdAt: now(), policy: kind === "lenient" ? { requireTwoStep: false } : {} })
      .returning();
    id = org!.id;
    organisationIds.set(kind, id);
  }
  return id;
}

export interface TestPerson {
  id: string;
  username: string;
  displayName: string;
  organisationId: string;
  password: string;
  /** The authenticator seed, when the person has one. */
  seed: Uint8Array | null;
  /** The code the person's authenticator shows at `at` (default: the server clock's now). */
  code(at?: Date): Promise<string>;
}

/** Creates a person with a password in this worker's database (unique username per call). */
export async function createTestPerson(
  options: {
    role?: Role;
    password?: string | null;
    disabled?: boolean;
    policy?: "lenient" | "strict";
    authenticator?: boolean;
    /** A verified mobile phone (E.164): a real mobile range (+31 6 1…), or we would never text or call it. */
    mobile?: string;
    /** A verified office phone (E.164, a fixed line such as +31 20 …), as an administrator sets it: calls only. */
    office?: string;
    createdAt?: Date;
  } = {},
): Promise<TestPerson> {
  const db = await getDb();
  const password = options.password === undefined ? "correct horse battery staple" : options.password;
  const username = `p-${randomUUID().slice(0, 12)}`;
  const [person] = await db
    .insert(people)
    .values({
      organisationId: await organisation(options.policy ?? "lenient"),
      username,
      displayName: `Test ${username}`,
      email: `${username}@example.test`,
      role: options.role ?? "person",
      passwordHash: password ? await hashPassword(password) : null,
      disabledAt: options.disabled ? now() : null,
      createdAt: options.createdAt ?? now(),
    })
    .returning();
  let seed: Uint8Array | null = null;
  if (options.authenticator) {
    seed = newTotpSeed();
    const [method] = await db.insert(mfaMethods).values({ personId: person!.id, kind: "totp", label: "Authenticator app", createdAt: now(), confirmedAt: now() }).returning();
    await db.insert(totpCredentials).values({ methodId: method!.id, secretEnvelope: sealTotpSeed(person!.id, method!.id, seed) });
  }
  if (options.mobile) {
    if (!phoneUsableFor(options.mobile, "text")) throw new Error(`createTestPerson: ${options.mobile} is not a mobile number we would text`);
    const [method] = await db.insert(mfaMethods).values({ personId: person!.id, kind: "phone", label: "Mobile phone", createdAt: now(), confirmedAt: now() }).returning();
    await db.insert(phoneNumbers).values({ methodId: method!.id, e164: options.mobile, country: "NL", role: "mobile", verifiedAt: now() });
  }
  if (options.office) {
    if (!phoneUsableFor(options.office, "call") || phoneUsableFor(options.office, "text")) throw new Error(`createTestPerson: ${options.office} is not a fixed line we would call`);
    const [method] = await db.insert(mfaMethods).values({ personId: person!.id, kind: "phone", label: "Office phone", createdAt: now(), confirmedAt: now() }).returning();
    await db.insert(phoneNumbers).values({ methodId: method!.id, e164: options.office, country: "NL", role: "office", verifiedAt: now() });
  }
  return {
    id: person!.id,
    username,
    displayName: person!.displayName,
    organisationId: person!.organisationId,
    password: password ?? "",
    seed,
    code: (at = now()) => totpCodeAt({ secret: seed!, algorithm: "sha1", digits: 6, period: 30 }, at),
  };
}
