/**
 * The demo organisation (demo mode only): people for the scenarios, a helpdesk agent and an
 * administrator. Passwords are in the README. Idempotent: runs at every demo start.
 */
import { isNotNull } from "drizzle-orm";
import { hashPassword } from "../server/crypto/password-hash";
import { now } from "../server/clock";
import type { Executor } from "./client";
import { organisations, people, type Role } from "./schema";

export const DEMO_PASSWORD = "tweestap-demo-2026";

export const DEMO_PEOPLE: ReadonlyArray<{ username: string; displayName: string; email: string; locale: "nl" | "en"; role: Role }> = [
  { username: "anna", displayName: "Anna de Vries", email: "anna@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "bram", displayName: "Bram Jansen", email: "bram@demo.tweestap.test", locale: "nl", role: "person" },
  { username: "emma", displayName: "Emma Clarke", email: "emma@demo.tweestap.test", locale: "en", role: "person" },
  { username: "sanne", displayName: "Sanne Bakker (helpdesk)", email: "sanne@demo.tweestap.test", locale: "nl", role: "agent" },
  { username: "admin", displayName: "Demo Beheerder", email: "admin@demo.tweestap.test", locale: "nl", role: "admin" },
];

export async function seedDemo(db: Executor): Promise<{ created: boolean }> {
  const [existing] = await db.select({ id: organisations.id }).from(organisations).where(isNotNull(organisations.demoSeededAt));
  if (existing) return { created: false };
  const at = now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [organisation] = await tx
      .insert(organisations)
      .values({ name: "Tweestap Demo", demoSeededAt: at, createdAt: at })
      .returning({ id: organisations.id });
    await tx.insert(people).values(
      DEMO_PEOPLE.map((p) => ({ ...p, organisationId: organisation!.id, passwordHash, passwordChangedAt: at, createdAt: at })),
    );
  });
  return { created: true };
}
