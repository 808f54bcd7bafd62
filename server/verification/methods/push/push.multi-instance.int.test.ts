import { spawn } from "node:child_process";
import readline from "node:readline";
import { webcrypto } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { nowMs } from "@/server/core/clock";
import { Browser } from "@/test/http";
import { createTestPerson } from "@/test/people";
import { beginPushActivation, routeTransport } from "@/test/push";
import { signedInWithCode } from "@/test/sign-in";
import { TestCompanion } from "@/test/support/companion";

// Two separate processes can only share a database server; PGlite is one process by design.
describe.runIf(Boolean(process.env.DATABASE_URL))("push across two app instances on one Postgres", () => {
  it("a request made on instance A reaches the device's event stream on B; the approval lands on B; the waiting page on A completes", { timeout: 120_000 }, async () => {
    await getDb(); // this worker's database exists and is migrated
    // The phone's key, exportable here so instance B can play the same phone.
    const pair = (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
    const privateJwk = (await webcrypto.subtle.exportKey("jwk", pair.privateKey)) as { kty: "EC"; crv: "P-256"; x: string; y: string; d: string };
    const person = await createTestPerson({ policy: "strict", authenticator: true });
    const shown = await beginPushActivation(await signedInWithCode(person));
    const phone = await TestCompanion.withKey(routeTransport, privateJwk, "", nowMs);
    expect((await phone.activate({ activationUrl: shown.activationUrl, code: shown.code })).status).toBe(200);

    // Instance B: its own process and connections, with the device's event stream open on it.
    const b = spawn("npx", ["tsx", "test/fixtures/push-instance.ts", JSON.stringify(privateJwk), phone.deviceId!], { env: process.env, stdio: ["pipe", "pipe", "inherit"] });
    const lines = readline.createInterface({ input: b.stdout! });
    const heard: Array<Record<string, unknown>> = [];
    const waiting: Array<() => void> = [];
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      heard.push(JSON.parse(line) as Record<string, unknown>);
      for (const wake of waiting.splice(0)) wake();
    });
    const next = async (key: string) => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const found = heard.find((h) => key in h);
        if (found) return found[key];
        if (Date.now() > deadline) throw new Error(`instance B said no "${key}" (heard ${JSON.stringify(heard)})`);
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    };
    try {
      expect(await next("ready")).toEqual({ deviceId: phone.deviceId });

      // Instance A (this process): the sign-in page sends the push and shows the number.
      const browser = new Browser();
      await browser.call("signIn.password", { username: person.username, password: person.password });
      const chosen = await browser.call("signIn.chooseMethod", { methodId: phone.deviceId, channel: "push" });
      const { matchNumber } = chosen.body.result!.data as { matchNumber: string };
      expect((await browser.call("signIn.awaitedStatus", {})).body.result!.data).toEqual({ status: "waiting", state: "sent" });

      // B's event stream heard it (through Postgres NOTIFY), and B's phone answers on B.
      const hint = (await next("challenge")) as { challengeId: string };
      expect(hint.challengeId).toMatch(/^[0-9a-f-]{36}$/);
      b.stdin!.write(`${matchNumber}\n`);
      expect(await next("answered")).toBe(200);

      // A's waiting page completes.
      expect((await browser.call("signIn.awaitedStatus", {})).body.result!.data).toMatchObject({ status: "completed" });
    } finally {
      b.kill();
      lines.close();
    }
  });
});
