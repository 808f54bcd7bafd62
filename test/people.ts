import { randomUUID } from "node:crypto";
import { getDb } from "../db/client";
import { organisations, people, type Role } from "../db/schema";
import { now } from "../server/clock";
import { hashPassword } from "../server/crypto/password-hash";

let organisationId: string | undefined;

/** Creates a person with a password in this worker's database (unique username per call). */
export async function createTestPerson(options: { role?: Role; password?: string | null; disabled?: boolean } = {}) {
  const db = await getDb();
  if (!organisationId) {
    const [org] = await db.insert(organisations).values({ name: "Test organisation", createdAt: now() }).returning();
    organisationId = org!.id;
  }
  const password = options.password === undefined ? "correct horse battery staple" : options.password;
  const username = `p-${randomUUID().slice(0, 12)}`;
  const [person] = await db
    .insert(people)
    .values({
      organisationId,
      username,
      displayName: `Test ${username}`,
      role: options.role ?? "person",
      passwordHash: password ? await hashPassword(password) : null,
      disabledAt: options.disabled ? now() : null,
      createdAt: now(),
    })
    .returning();
  return { ...person!, password: password ?? "" };
}
