import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { deliveryAttempts, outboxMessages } from "@/db/schema";
import { resetEnvForTests } from "../core/env";
import { drainOutbox } from "@/test/delivery";
import { createTestPerson } from "@/test/people";
import { noticeToPerson } from "./enqueue";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that keeps what it receives. */
async function localMailServer() {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString()));
      stream.on("end", () => {
        mails.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const saved = { ...process.env };
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const key of ["EMAIL_PROVIDERS", "SMTP_URL", "SMTP_FROM"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  resetEnvForTests();
  await Promise.all(closers.splice(0).map((close) => close()));
});

describe("email through SMTP", () => {
  it("a notice reaches the mail server once, from the configured sender, in the person's language", async () => {
    const mail = await localMailServer();
    closers.push(mail.close);
    Object.assign(process.env, { EMAIL_PROVIDERS: "smtp", SMTP_URL: `smtp://127.0.0.1:${mail.port}`, SMTP_FROM: "Tweestap <no-reply@mfa.example.org>" });
    resetEnvForTests();

    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const db = await getDb();
    await noticeToPerson(db, { personId: person.id, template: "method_added" });
    await drainOutbox();
    await drainOutbox();

    const mine = mail.mails.filter((m) => m.to.includes(`${person.username}@example.test`));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.from).toBe("no-reply@mfa.example.org");
    expect(mine[0]!.raw).toContain("Subject: Er is een aanmeldmethode toegevoegd");
    const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id));
    expect(mine[0]!.raw).toContain(`Message-ID: <${message!.id}@tweestap>`);
    expect(await db.select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, message!.id))).toEqual([
      expect.objectContaining({ provider: "smtp", status: "accepted" }),
    ]);
  });

  it("a mail server that is down leaves the notice for a retry, not lost", async () => {
    Object.assign(process.env, { EMAIL_PROVIDERS: "smtp", SMTP_URL: "smtp://127.0.0.1:9" });
    resetEnvForTests();
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const db = await getDb();
    await noticeToPerson(db, { personId: person.id, template: "method_removed" });
    await drainOutbox();
    const [message] = await db.select().from(outboxMessages).where(eq(outboxMessages.personId, person.id));
    expect(message).toMatchObject({ state: "pending", attempts: 1 });
    expect(message!.contentEnvelope).not.toBeNull();
    expect(message!.lastError).toMatch(/ProviderError/);
  });
});
