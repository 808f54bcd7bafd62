/**
 * npm run demo:code -- anna
 * Prints the current authenticator code of a demo person (demo mode only), like their phone would.
 * Reads the demo keys in DATA_DIR; does not open the database, so it works while the app runs.
 */
const username = process.argv[2] ?? "anna";
const { getEnv } = await import("../server/core/env");
const { DEMO_AUTHENTICATOR_PEOPLE, demoTotpSeed } = await import("../server/setup/demo-seed");
const { totpCodeAt } = await import("../server/verification/methods/totp/verify-totp-code");

if (getEnv().mode !== "demo") {
  console.error("demo:code works in demo mode only.");
  process.exit(1);
}
if (!(DEMO_AUTHENTICATOR_PEOPLE as readonly string[]).includes(username)) {
  console.error(`No demo authenticator for "${username}". Try one of: ${DEMO_AUTHENTICATOR_PEOPLE.join(", ")}.`);
  process.exit(1);
}
const { now } = await import("../server/core/clock");
const at = now();
const code = await totpCodeAt({ secret: demoTotpSeed(username), algorithm: "sha1", digits: 6, period: 30 }, at);
const left = 30 - (Math.floor(at.getTime() / 1000) % 30);
console.log(`${code}  (${username}, valid for ${left} more seconds)`);
export {};
