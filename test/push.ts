/**
 * Push in integration tests: the companion authenticator talking to the route handlers in-process
 * (as a browser's fetch would reach them), and a person who has activated it.
 */
import { POST as activate } from "../app/api/authenticator/activate/route";
import { POST as answer } from "../app/api/authenticator/answer/route";
import { GET as events } from "../app/api/authenticator/events/route";
import { POST as requests } from "../app/api/authenticator/requests/route";
import { nowMs } from "../server/core/clock";
import type { Browser } from "./http";
import { createTestPerson, type TestPerson } from "./people";
import { signedInWithCode } from "./sign-in";
import { TestCompanion, type Transport } from "./support/companion";

const ROUTES: Record<string, { GET?: (request: Request) => Promise<Response>; POST?: (request: Request) => Promise<Response> }> = {
  "/api/authenticator/activate": { POST: activate },
  "/api/authenticator/requests": { POST: requests },
  "/api/authenticator/answer": { POST: answer },
  "/api/authenticator/events": { GET: events },
};

/** The device API's route handlers, called as the server would (JSON in, JSON or an event stream out). */
export const routeTransport: Transport = async ({ method, path, body, query, signal }) => {
  const url = new URL(path, "http://localhost");
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
  const handler = ROUTES[path]?.[method];
  if (!handler) throw new Error(`no route ${method} ${path}`);
  const request = new Request(url, {
    method,
    signal,
    headers: { "x-tweestap-peer": "198.51.100.20", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return handler(request);
};

/** A phone in the test, on the server's (movable) clock. */
export function newCompanion(): Promise<TestCompanion> {
  return TestCompanion.create(routeTransport, nowMs);
}

export interface ActivationShown {
  methodId: string;
  activationId: string;
  activationUrl: string;
  code: string;
  qrPayload: string;
}

/** Security info's "Receive notifications" for a signed-in browser: what the page shows. */
export async function beginPushActivation(browser: Browser): Promise<ActivationShown> {
  const started = await browser.call("methods.beginPush", {});
  if (!started.body.result) throw new Error(`beginPush: ${JSON.stringify(started.body.error)}`);
  return started.body.result.data as ActivationShown;
}

export interface PushPerson {
  person: TestPerson;
  /** Signed in (fresh second factor), on security info. */
  browser: Browser;
  companion: TestCompanion;
  pushMethodId: string;
}

/** A person with an authenticator app who activated the companion authenticator on a phone. */
export async function personWithPush(options: { role?: "agent" | "admin" } = {}): Promise<PushPerson> {
  const person = await createTestPerson({ policy: "strict", authenticator: true, role: options.role });
  const browser = await signedInWithCode(person);
  const shown = await beginPushActivation(browser);
  const companion = await newCompanion();
  const activated = await companion.activate({ activationUrl: shown.activationUrl, code: shown.code });
  if (activated.status !== 200) throw new Error(`activation: ${JSON.stringify(activated.body)}`);
  return { person, browser, companion, pushMethodId: companion.deviceId! };
}
