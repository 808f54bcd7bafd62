/**
 * Production mode, on the same build: it refuses to start without its keys, has no test clock and
 * no demo people, and the first administrator gets in only through the one-time link of
 * `npm run setup`. This spec starts its own servers (own port, own data directory), so it runs
 * alongside the other journeys.
 */
import { createECDH, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, test as base } from "./fixtures";
import { EnrolPage } from "./pages/EnrolPage";
import { SecurityInfoPage } from "./pages/SecurityInfoPage";
import { SignInPage } from "./pages/SignInPage";
import { appEnv, freePort, runToEnd, startServer, tempDataDir, type RunningServer } from "./support/app-server";
import { takeCode } from "./support/authenticator";
import { DEMO, DEMO_PASSWORD } from "./support/demo";

const test = base.extend<{ launch: (env: NodeJS.ProcessEnv, port: number) => Promise<RunningServer> }>({
  // Servers started by a test are stopped after it, whether it passed or not.
  launch: async ({}, use, testInfo) => {
    const servers: RunningServer[] = [];
    await use(async (env, port) => {
      const server = await startServer(env, port);
      servers.push(server);
      return server;
    });
    for (const server of servers) {
      if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach("server output", { body: server.output() });
      await server.stop();
    }
  },
});

test.describe.configure({ timeout: 180_000 });

/** A VAPID key pair, as `npx web-push generate-vapid-keys` makes one. */
function vapidKeys() {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  const privateKey = Buffer.alloc(32);
  ecdh.getPrivateKey().copy(privateKey, 32 - ecdh.getPrivateKey().length);
  return { VAPID_PUBLIC_KEY: ecdh.getPublicKey().toString("base64url"), VAPID_PRIVATE_KEY: privateKey.toString("base64url") };
}

const REQUIRED = ["PUBLIC_URL", "AUTH_SECRET", "ENCRYPTION_KEYS", "HASH_KEY", "VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY"];

test("without its keys, production mode refuses to start and names what is missing", async () => {
  const dataDir = tempDataDir("prod-nokeys");
  const port = await freePort();
  const result = await runToEnd(["tsx", "scripts/serve.ts"], appEnv({ TWEESTAP_MODE: "production", PORT: String(port), DATA_DIR: dataDir }));

  expect(result.code, `exit code\n${result.stdout}\n${result.stderr}`).not.toBe(0);
  expect(result.code).not.toBeNull();
  for (const name of REQUIRED) expect(result.stderr, `stderr names ${name}`).toContain(name);
  // It stopped before touching any data.
  expect(fs.existsSync(path.join(dataDir, "pglite"))).toBe(false);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("with keys: no test clock, no demo people; the first admin enrols through the setup link", async ({ page, request, launch }) => {
  const dataDir = tempDataDir("prod");
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const env = appEnv({
    TWEESTAP_MODE: "production",
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    DATA_DIR: dataDir,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    ENCRYPTION_KEYS: `1:${randomBytes(32).toString("base64")}`,
    HASH_KEY: randomBytes(32).toString("base64"),
    ...vapidKeys(),
  });
  const admin = { username: "root", displayName: "Root Admin" };
  const strongPassword = "lamp river orange bicycle 42";

  // PGlite's data directory belongs to one process at a time: set up first, then serve.
  const link = await test.step("npm run setup prints a one-time enrolment link", async () => {
    const setup = await runToEnd(["tsx", "scripts/setup.ts", "--organisation", "Acme", "--username", admin.username, "--name", admin.displayName, "--locale", "en"], env);
    expect(setup.code, `${setup.stdout}\n${setup.stderr}`).toBe(0);
    const printed = setup.stdout.match(/https?:\/\/\S+\/enrol#\S+/)?.[0];
    expect(printed, setup.stdout).toBeDefined();
    const url = new URL(printed!);
    expect(url.origin).toBe(publicUrl);
    expect(url.pathname).toBe("/en/enrol");
    expect(url.hash).toMatch(/^#[A-Za-z0-9_-]{43}$/);

    const again = await runToEnd(["tsx", "scripts/setup.ts", "--organisation", "Other", "--username", "x2", "--name", "X"], env);
    expect(again.code, "setup runs once").not.toBe(0);
    return printed!;
  });

  const server = await launch(env, port);

  await test.step("the test clock and the test flood switch do not exist", async () => {
    expect((await request.get(`${server.origin}/api/test/clock`)).status()).toBe(404);
    expect((await request.post(`${server.origin}/api/test/clock`, { data: { advanceSeconds: 3600 } })).status()).toBe(404);
    expect((await request.post(`${server.origin}/api/test/password-flood`, { data: { seconds: 600 } })).status()).toBe(404);
  });

  await test.step("without an origin of its own (AUTHENTICATOR_URL), the companion authenticator is not served on the portal's", async () => {
    for (const path of ["/authenticator", "/authenticator/en", "/authenticator/sw.js"]) {
      expect((await request.get(`${server.origin}${path}`, { maxRedirects: 0 })).status(), path).toBe(404);
    }
  });

  await test.step("demo people do not exist", async () => {
    const signIn = new SignInPage(page);
    await signIn.goto("en", server.origin);
    const panel = await signIn.failToSignIn(DEMO.anna.username, DEMO_PASSWORD);
    await panel.expectCode("SIGN_IN_INVALID_CREDENTIALS");
  });

  await test.step("the admin sets a password through the link", async () => {
    const enrol = new EnrolPage(page, "en");
    await enrol.open(link);
    await enrol.expectWelcome(admin);
    // The token is dropped from the address bar once read.
    expect(new URL(page.url()).hash).toBe("");
    await enrol.setPassword(strongPassword, admin.username);
    await enrol.goToSignIn();
  });

  await test.step("the admin signs in with that password (and sets up the required authenticator app)", async () => {
    const signIn = new SignInPage(page);
    await signIn.expectLoaded("en");
    // The policy requires two-step verification and the admin has no method yet: set one up now.
    const register = await signIn.signInUntilRegistration(admin.username, strongPassword);
    // No companion authenticator to point to.
    await expect(register.panel.companionLink).toHaveCount(0);
    const { seed } = await register.readManualKey();
    const { code } = await takeCode(admin.username, seed, { origin: server.origin });
    await register.confirmWith(code);
    const securityInfo = new SecurityInfoPage(page);
    await securityInfo.expectLoaded("en");
    await securityInfo.expectSignedInAs(admin);
    await expect(securityInfo.authenticatorApps).toHaveCount(1);
  });

  await test.step("the link works only once", async () => {
    const enrol = new EnrolPage(page, "en");
    await enrol.open(link);
    await enrol.errorPanel.expectCode("ENROLMENT_LINK_INVALID");
  });

  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
