import { count } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations, people } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { normalizeUsername } from "../people/username";
import { createEnrolmentLink } from "./enrolment-links";

export interface SetUpInput {
  organisationName: string;
  adminUsername: string;
  adminDisplayName: string;
  adminEmail: string | null;
  locale: "nl" | "en";
}

export class SetupAlreadyDoneError extends Error {
  constructor() {
    super("This installation already has an organisation; setup runs once.");
  }
}

/**
 * `npm run setup`: creates the organisation and its first administrator (no password yet) and
 * returns a one-time enrolment link (1 h) through which the administrator sets a password.
 */
export async function setUpOrganisation(input: SetUpInput): Promise<{ enrolmentUrl: string; expiresAt: Date }> {
  const db = await getDb();
  const username = normalizeUsername(input.adminUsername);
  if (!/^[a-z0-9._@-]{2,64}$/.test(username)) throw new AppError("INPUT_INVALID", { params: { field: "username" } });
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(organisations);
    if ((existing?.n ?? 0) > 0) throw new SetupAlreadyDoneError();
    const at = now();
    const [organisation] = await tx.insert(organisations).values({ name: input.organisationName, createdAt: at }).returning();
    const [admin] = await tx
      .insert(people)
      .values({
        organisationId: organisation!.id,
        username,
        displayName: input.adminDisplayName,
        email: input.adminEmail,
        locale: input.locale,
        role: "admin",
        createdAt: at,
      })
      .returning();
    await recordAudit(tx, { action: "setup.organisation_created", actorKind: "setup", detail: { name: input.organisationName } });
    await recordAudit(tx, { action: "setup.first_admin_created", actorKind: "setup", targetPersonId: admin!.id, detail: { username } });
    const link = await createEnrolmentLink(tx, { personId: admin!.id, locale: input.locale, actorKind: "setup" });
    return { enrolmentUrl: link.url, expiresAt: link.expiresAt };
  });
}
