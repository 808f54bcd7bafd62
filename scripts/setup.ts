/**
 * npm run setup -- --organisation "Acme" --username admin --name "Ada Admin" [--email a@b] [--locale nl|en]
 * Creates the organisation and its first administrator, and prints a one-time enrolment link (1 h).
 */
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    organisation: { type: "string" },
    username: { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    locale: { type: "string", default: "nl" },
  },
});

const { getEnv, EnvError } = await import("../server/core/env");
const { prepareApp } = await import("../server/startup");
const { setUpOrganisation, SetupAlreadyDoneError } = await import("../server/setup/set-up-organisation");
const { closeDb } = await import("../db/client");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!values.organisation || !values.username || !values.name) {
  fail('Usage: npm run setup -- --organisation "Name" --username admin --name "Full Name" [--email x@y] [--locale nl|en]');
}
if (values.locale !== "nl" && values.locale !== "en") fail("--locale must be nl or en");

try {
  const env = getEnv();
  await prepareApp();
  const result = await setUpOrganisation({
    organisationName: values.organisation,
    adminUsername: values.username,
    adminDisplayName: values.name,
    adminEmail: values.email ?? null,
    locale: values.locale,
  });
  console.log(`Organisation "${values.organisation}" created (${env.mode} mode).`);
  console.log(`First administrator: ${values.username}`);
  console.log(`One-time enrolment link (valid until ${result.expiresAt.toISOString()}):`);
  console.log(result.enrolmentUrl);
} catch (error) {
  if (error instanceof EnvError || error instanceof SetupAlreadyDoneError) fail(error.message);
  throw error;
} finally {
  await closeDb();
}
