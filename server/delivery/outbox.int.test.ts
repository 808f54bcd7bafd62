import { eq } from "drizzle-orm";
import { drainOutbox } from "@/test/delivery";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { deliveryAttempts, outboxMessages, people, simulatedInbox } from "@/db/schema";
import { moveClockForTests } from "../core/clock";
import { createTestPerson } from "@/test/people";
import { enqueueMessage, noticeToPerson } from "./enqueue";

async function personWithEmail() {
  const person = await createTestPerson({ policy: "strict", authenticator: true });
  const db = await getDb();
  const email = `${person.username}@example.test`;
  await db.update(people).set({ email, locale: "en" }).where(eq(people.id, person.id));
  return { ...person, email };
}

describe("outbox and delivery", () => {
  it("a message written with a change is delivered once, in the person's language, and its content is cleared", async () => {
    const person = await personWithEmail();
    const db = await getDb();
    await noticeToPerson(db, { personId: person.id, template: "method_added" });
    const [queued] = await db.select().from(outboxMessages).where(eq(outboxMessages.recipient, person.email));
    expect(queued!.state).toBe("pending");
    expect(queued!.contentEnvelope).toMatch(/^sb1\./);

    await drainOutbox();
    await drainOutbox(); // a second run sends nothing more
    const inbox = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, person.email));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.subject).toBe("A sign-in method was added");
    const [sent] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, queued!.id));
    expect(sent).toMatchObject({ state: "sent", contentEnvelope: null, attempts: 1 });
    const attempts = await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, queued!.id));
    expect(attempts).toEqual([expect.objectContaining({ provider: "simulated", status: "delivered" })]);
  });

  it("a rolled-back change sends nothing", async () => {
    const person = await personWithEmail();
    const db = await getDb();
    await expect(
      db.transaction(async (tx) => {
        await noticeToPerson(tx, { personId: person.id, template: "method_removed" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    await drainOutbox();
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.recipient, person.email))).toHaveLength(0);
    expect(await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, person.email))).toHaveLength(0);
  });

  it("a claim held by a crashed worker expires and the message is sent exactly once", async () => {
    const person = await personWithEmail();
    const db = await getDb();
    const id = await enqueueMessage(db, { channel: "email", recipient: person.email, personId: person.id, locale: "nl", template: "method_added" });
    // A worker claimed it and died before sending.
    await db
      .update(outboxMessages)
      .set({ state: "sending", leaseUntil: new Date(Date.now() + 60_000), attempts: 1 })
      .where(eq(outboxMessages.id, id));
    await drainOutbox();
    expect(await db.select().from(simulatedInbox).where(eq(simulatedInbox.messageId, id))).toHaveLength(0);
    moveClockForTests(61_000);
    await drainOutbox();
    await drainOutbox();
    const inbox = await db.select().from(simulatedInbox).where(eq(simulatedInbox.messageId, id));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.subject).toBe("Er is een aanmeldmethode toegevoegd");
  });

  it("a lock sends the person a notice, with the time it ends", async () => {
    const person = await personWithEmail();
    const { recordFactorFailure } = await import("../verification/lockout");
    const db = await getDb();
    for (let i = 0; i < 10; i++) {
      await recordFactorFailure(db, { personId: person.id, method: "totp", code: "MFA_CODE_INVALID", correlationId: null, clientIp: null, at: new Date() });
    }
    await drainOutbox();
    const inbox = await db.select().from(simulatedInbox).where(eq(simulatedInbox.recipient, person.email));
    expect(inbox.map((m) => m.subject)).toEqual(["Two-step verification locked for a while"]);
    expect(inbox[0]!.body).toMatch(/locked until \d\d:\d\d/);
  });
});
