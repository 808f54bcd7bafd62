import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { people } from "@/db/schema";
import { normalizeUsername } from "./username";

export async function findPersonByUsername(db: Executor, username: string) {
  const [person] = await db
    .select()
    .from(people)
    .where(eq(people.username, normalizeUsername(username)));
  return person ?? null;
}

export async function findPersonById(db: Executor, id: string) {
  const [person] = await db.select().from(people).where(eq(people.id, id));
  return person ?? null;
}
