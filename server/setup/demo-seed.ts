/**
 * The demo organisation (demo mode only): people for the scenarios, helpdesk agents and two
 * administrators (admin and marieke: four eyes for administrator changes). Passwords are in the README. Idempotent: runs at every demo start.
 */
import { createECDH, createHmac } from "node:crypto";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { hashPassword } from "../crypto/password-hash";
import { now } from "../core/clock";
import { getEnv } from "../core/env";
import { sealTotpSeed } from "../verification/methods/totp/totp-secrets";
import type { Executor } from "../../db/client";
import { mfaMethods, organisations, people, phoneNumbers, pushDevices, totpCredentials, type Role } from "../../db/schema";

export const DEMO_PASSWORD = "tweestap-demo-2026";

export const DEMO_PEOPLE: ReadonlyArray<{ username: string; displayName: string; email: string; locale: "nl" | "en"; role: Role }> = [
  { username: "anna", displayName: "Anna de Vries", email: "anna@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "bram", displayName: "Bram Jansen", email: "bram@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "emma", displayName: "Emma Clarke", email: "emma@demo.tweestap.test", locale: "en", role: "person" },
  { username: "daan", displayName: "Daan Visser", email: "daan@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "sanne", displayName: "Sanne Bakker (helpdesk)", email: "sanne@demo.tweestap.test", locale: "nl", role: "agent" },
  { username: "admin", displayName: "Demo Beheerder", email: "admin@demo.tweestap.test", locale: "nl", role: "admin" },
  { username: "lotte", displayName: "Lotte Smit", email: "lotte@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "joost", displayName: "Joost Mulder (helpdesk)", email: "joost@demo.tweestap.test", locale: "nl", role: "agent" },
  { username: "noor", displayName: "Noor Hendriks", email: "noor@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "pieter", displayName: "Pieter de Boer", email: "pieter@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "fatima", displayName: "Fatima El Amrani (helpdesk)", email: "fatima@demo.tweestap.test", locale: "nl", role: "agent" },
  { username: "willem", displayName: "Willem Koster", email: "willem@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "ingrid", displayName: "Ingrid Vos", email: "ingrid@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "marieke", displayName: "Marieke Dijkstra", email: "marieke@demo.tweestap.test", locale: "nl", role: "admin" },
  { username: "ruben", displayName: "Ruben Meijer", email: "ruben@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "grace", displayName: "Grace Walker", email: "grace@demo.tweestap.test", locale: "en", role: "person" },
  { username: "sofie", displayName: "Sofie Peters", email: "sofie@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "thijs", displayName: "Thijs de Graaf", email: "thijs@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "milan", displayName: "Milan Bos", email: "milan@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "henk", displayName: "Henk de Wit", email: "henk@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "mila", displayName: "Mila Bos", email: "mila@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "jesse", displayName: "Jesse Visser", email: "jesse@demo.tweestap.test", locale: "nl", role: "person" },
];

/** Demo managers on record (who confirms whose identity when they have lost every method). */
export const DEMO_MANAGERS: Readonly<Record<string, string>> = { willem: "ingrid" };

/** Demo people who already have an authenticator app; bram and daan have none (forced registration). */
export const DEMO_AUTHENTICATOR_PEOPLE = [
  "anna",
  "emma",
  "sanne",
  "admin",
  "lotte",
  "joost",
  "noor",
  "pieter",
  "fatima",
  "willem",
  "ingrid",
  "marieke",
  "ruben",
  "grace",
  "sofie",
  "thijs",
  "milan",
  "mila",
  "jesse",
] as const;

/**
 * A demo person's authenticator seed, derived from this installation's HASH_KEY, so
 * `npm run demo:code` and the end-to-end tests can show the current code without the database.
 * Demo only: real seeds come from the CSPRNG (server/verification/methods/totp/totp-secrets.ts).
 */
export function demoTotpSeed(username: string): Uint8Array {
  return new Uint8Array(createHmac("sha256", getEnv().hashKey).update(`demo-totp-seed:${username}`).digest().subarray(0, 20));
}

async function seedDemoAuthenticators(db: Executor, organisationId: string): Promise<void> {
  const rows = await db
    .select({ id: people.id, username: people.username })
    .from(people)
    .where(and(eq(people.organisationId, organisationId), inArray(people.username, [...DEMO_AUTHENTICATOR_PEOPLE])));
  const at = now();
  for (const person of rows) {
    const [has] = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "totp")))
      .limit(1);
    if (has) continue;
    const [method] = await db
      .insert(mfaMethods)
      .values({ personId: person.id, kind: "totp", label: "Authenticator app", createdAt: at, confirmedAt: at })
      .returning({ id: mfaMethods.id });
    await db.insert(totpCredentials).values({ methodId: method!.id, secretEnvelope: sealTotpSeed(person.id, method!.id, demoTotpSeed(person.username)) });
  }
}

/**
 * Demo people whose authenticator also takes push requests (the companion authenticator,
 * activated): jesse. His device key and device ID are derived from HASH_KEY like the seeds, so the
 * tests can play his phone (sign his requests) without the database.
 */
export const DEMO_PUSH_PEOPLE = { jesse: "Telefoon van Jesse" } as const satisfies Partial<Record<(typeof DEMO_AUTHENTICATOR_PEOPLE)[number], string>>;

/** The P-256 group order: a private key is a number from 1 to n − 1. */
const P256_ORDER = BigInt("0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

/**
 * A demo person's authenticator device key (a P-256 JWK with its private part `d`), derived from
 * HASH_KEY. Demo only: a real device makes its key with WebCrypto and it never leaves the phone.
 */
export function demoPushKey(username: string): { kty: "EC"; crv: "P-256"; x: string; y: string; d: string } {
  for (let round = 0; ; round++) {
    const d = createHmac("sha256", getEnv().hashKey).update(`demo-push-key:${username}:${round}`).digest();
    const scalar = BigInt(`0x${d.toString("hex")}`);
    if (scalar === 0n || scalar >= P256_ORDER) continue;
    const ecdh = createECDH("prime256v1");
    ecdh.setPrivateKey(d);
    const point = ecdh.getPublicKey();
    return { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33, 65).toString("base64url"), d: d.toString("base64url") };
  }
}

/** A demo person's device ID (their push method's ID), derived from HASH_KEY like the key. */
export function demoPushDeviceId(username: string): string {
  const h = createHmac("sha256", getEnv().hashKey).update(`demo-push-device:${username}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function seedDemoPush(db: Executor, organisationId: string): Promise<void> {
  const rows = await db
    .select({ id: people.id, username: people.username })
    .from(people)
    .where(and(eq(people.organisationId, organisationId), inArray(people.username, Object.keys(DEMO_PUSH_PEOPLE))));
  const at = now();
  for (const person of rows) {
    const deviceName = DEMO_PUSH_PEOPLE[person.username as keyof typeof DEMO_PUSH_PEOPLE];
    const [has] = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "push")))
      .limit(1);
    if (has) continue;
    // The app's codes are the same activation's: the authenticator method seeded for this person.
    const [codes] = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "totp")))
      .limit(1);
    const [method] = await db
      .insert(mfaMethods)
      .values({
        id: demoPushDeviceId(person.username),
        personId: person.id,
        kind: "push",
        label: "Authenticator app (notifications)",
        nickname: deviceName,
        createdAt: at,
        confirmedAt: at,
      })
      .returning({ id: mfaMethods.id });
    const { kty, crv, x, y } = demoPushKey(person.username);
    await db.insert(pushDevices).values({
      methodId: method!.id,
      personId: person.id,
      publicKeyJwk: JSON.stringify({ kty, crv, x, y }),
      deviceName,
      activatedAt: at,
      linkedTotpMethodId: codes?.id ?? null,
    });
    if (codes) await db.update(mfaMethods).set({ nickname: deviceName }).where(eq(mfaMethods.id, codes.id));
  }
}

/**
 * Demo phones (verified), shown on the simulated phone at /[locale]/phone. lotte has a second,
 * alternate phone: she is the lost-phone journey (her app and mobile are on the phone she loses).
 * henk has only an office phone (a fixed line the administrator set: calls only).
 */
export const DEMO_PHONES: Readonly<Record<string, ReadonlyArray<{ e164: string; role: "mobile" | "alternate" | "office" }>>> = {
  anna: [{ e164: "+31612345642", role: "mobile" }],
  emma: [{ e164: "+447911123456", role: "mobile" }],
  noor: [{ e164: "+31612345660", role: "mobile" }],
  ruben: [{ e164: "+31612345673", role: "mobile" }],
  grace: [{ e164: "+447911123457", role: "mobile" }],
  thijs: [{ e164: "+31612345684", role: "mobile" }],
  lotte: [
    { e164: "+31612345651", role: "mobile" },
    { e164: "+31687654321", role: "alternate" },
  ],
  henk: [{ e164: "+31302345678", role: "office" }],
};

const PHONE_LABELS = { mobile: "Mobile phone", alternate: "Alternate phone", office: "Office phone" } as const;

async function seedDemoPhones(db: Executor, organisationId: string): Promise<void> {
  const rows = await db
    .select({ id: people.id, username: people.username })
    .from(people)
    .where(and(eq(people.organisationId, organisationId), inArray(people.username, Object.keys(DEMO_PHONES))));
  const at = now();
  for (const person of rows) {
    const existing = await db
      .select({ id: mfaMethods.id })
      .from(mfaMethods)
      .where(and(eq(mfaMethods.personId, person.id), eq(mfaMethods.kind, "phone")))
      .limit(1);
    if (existing.length > 0) continue;
    for (const { e164, role } of DEMO_PHONES[person.username]!) {
      const [method] = await db
        .insert(mfaMethods)
        .values({ personId: person.id, kind: "phone", label: PHONE_LABELS[role], createdAt: at, confirmedAt: at })
        .returning({ id: mfaMethods.id });
      await db.insert(phoneNumbers).values({ methodId: method!.id, e164, country: e164.startsWith("+31") ? "NL" : "GB", role, verifiedAt: at });
    }
  }
}

async function seedDemoManagers(db: Executor, organisationId: string): Promise<void> {
  const rows = await db.select({ id: people.id, username: people.username, managerId: people.managerId }).from(people).where(eq(people.organisationId, organisationId));
  const byName = new Map(rows.map((r) => [r.username, r]));
  for (const [username, managerName] of Object.entries(DEMO_MANAGERS)) {
    const person = byName.get(username);
    const manager = byName.get(managerName);
    if (person && manager && !person.managerId) await db.update(people).set({ managerId: manager.id }).where(eq(people.id, person.id));
  }
}

export async function seedDemo(db: Executor): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(isNotNull(organisations.demoSeededAt));
  if (existing) {
    // Demo people added in a later version join an existing demo organisation.
    const present = new Set((await db.select({ username: people.username }).from(people).where(eq(people.organisationId, existing.id))).map((p) => p.username));
    const missing = DEMO_PEOPLE.filter((p) => !present.has(p.username));
    if (missing.length > 0) {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      const at = now();
      await db
        .insert(people)
        .values(missing.map((p) => ({ ...p, organisationId: existing.id, passwordHash, passwordChangedAt: at, createdAt: at })))
        .onConflictDoNothing({ target: people.username });
    }
    await seedDemoAuthenticators(db, existing.id);
    await seedDemoPhones(db, existing.id);
    await seedDemoPush(db, existing.id);
    await seedDemoManagers(db, existing.id);
    return { created: false };
  }
  const at = now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [organisation] = await tx.insert(organisations).values({ name: "Tweestap Demo", demoSeededAt: at, createdAt: at }).returning({ id: organisations.id });
    await tx.insert(people).values(DEMO_PEOPLE.map((p) => ({ ...p, organisationId: organisation!.id, passwordHash, passwordChangedAt: at, createdAt: at })));
    await seedDemoAuthenticators(tx, organisation!.id);
    await seedDemoPhones(tx, organisation!.id);
    await seedDemoPush(tx, organisation!.id);
    await seedDemoManagers(tx, organisation!.id);
  });
  return { created: true };
}
