import { completeSignIn } from "../server/verification/complete-sign-in";
import { Browser } from "./http";
import type { TestPerson } from "./people";

/** A full sign-in (password + authenticator code) that leaves the browser holding its session and known-device cookies. */
export async function signedInWithCode(person: TestPerson, browser = new Browser()): Promise<Browser> {
  await browser.call("signIn.password", { username: person.username, password: person.password });
  const done = await browser.call("signIn.code", { code: await person.code() });
  const step = done.body.result!.data as { attemptId: string; completionToken: string };
  const session = await completeSignIn({ attemptId: step.attemptId, completionToken: step.completionToken }, browser.requestInfo(), browser.setCookieFn());
  await browser.adoptSession(session!.sessionId, session!.personId);
  return browser;
}
