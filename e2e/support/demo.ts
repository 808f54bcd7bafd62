/**
 * The demo organisation seeded in demo mode (server/setup/demo-seed.ts). Password for everyone: DEMO_PASSWORD.
 *
 * anna, emma, sanne and admin have an authenticator app (its codes: e2e/support/authenticator.ts);
 * bram has none and must set one up at sign-in. Codes are one-time per person across every browser
 * and a person is locked after 10 wrong codes, so specs share people carefully:
 * - specs that end sessions of a person ("sign out everywhere") use a person no other spec uses,
 *   so parallel tests never sign each other out;
 * - bram registers an app in exactly one test (forced-registration.spec.ts): the e2e database lives
 *   for the whole run, so no other test may sign him in or count on him having no app.
 */
export const DEMO_PASSWORD = "tweestap-demo-2026";

export const DEMO = {
  /**
   * Signs in on most journeys (sessions of her own are only ended one at a time). Her texts are
   * sent and read in sign-in-by-text.spec.ts only; a11y.spec.ts calls her once and answers no call.
   */
  anna: { username: "anna", displayName: "Anna de Vries" },
  /** Has no authenticator app: reserved for forced registration (forced-registration.spec.ts). */
  bram: { username: "bram", displayName: "Bram Jansen" },
  /**
   * English-speaking person. In the journeys she is only given wrong codes (authenticator.spec.ts)
   * and signs in once by a call (sign-in-by-call.spec.ts, which uses no code); a11y.spec.ts sends her
   * one text that nobody reads:
   * a clock-drift check needs a person who has not used a code of the last ten minutes.
   */
  emma: { username: "emma", displayName: "Emma Clarke" },
  /** Has no method: reserved for registering a mobile phone first (phone-registration.spec.ts). */
  daan: { username: "daan", displayName: "Daan Visser" },
  /** Reserved for "sign out everywhere" (sessions.spec.ts); gets an office phone from admin-office-phone.spec.ts. */
  sanne: { username: "sanne", displayName: "Sanne Bakker (helpdesk)" },
  /** Signs in for the security checks (security.spec.ts), so anna's codes go further. */
  admin: { username: "admin", displayName: "Demo Beheerder" },
  /** Has the app and a mobile on one phone plus an alternate phone: the lost-phone journey (lost-phone.spec.ts) only. */
  lotte: { username: "lotte", displayName: "Lotte Smit" },
  /** Helpdesk agent for the help and ticket journeys (help.spec.ts); never signed out everywhere. */
  joost: { username: "joost", displayName: "Joost Mulder (helpdesk)" },
  /** Reset by the helpdesk and back with a temporary access pass (helpdesk-reset.spec.ts) only. */
  noor: { username: "noor", displayName: "Noor Hendriks" },
  /** Only an authenticator app, no phone: the no-usable-method journey (helpdesk-approval.spec.ts) only. */
  pieter: { username: "pieter", displayName: "Pieter de Boer" },
  /** The second helpdesk agent who approves (helpdesk-approval.spec.ts). */
  fatima: { username: "fatima", displayName: "Fatima El Amrani (helpdesk)" },
  /** Only an authenticator app, no phone; ingrid is his manager on record (helpdesk-manager.spec.ts only). */
  willem: { username: "willem", displayName: "Willem Koster" },
  /** willem's manager: confirms his identity for the helpdesk (helpdesk-manager.spec.ts only). */
  ingrid: { username: "ingrid", displayName: "Ingrid Vos" },
  /** The second administrator: approves admin's changes that need four eyes (admin-people.spec.ts only). */
  marieke: { username: "marieke", displayName: "Marieke Dijkstra" },
  /** The app and a mobile phone: names his phone, then removes it (method-labels.spec.ts only). */
  ruben: { username: "ruben", displayName: "Ruben Meijer" },
  /** English; the app and a mobile phone: names her phone, then removes it (method-labels.spec.ts only). */
  grace: { username: "grace", displayName: "Grace Walker" },
  /** Only an authenticator app: makes recovery codes, then signs in with one (recovery-codes.spec.ts only). */
  sofie: { username: "sofie", displayName: "Sofie Peters" },
  /** The app and a mobile phone: types a wrong text code and reads the help for it (help.spec.ts only). */
  thijs: { username: "thijs", displayName: "Thijs de Graaf" },
  /** Only an authenticator app: makes recovery codes and confirms it's him with one (clock/recovery-code-step-up.spec.ts only). */
  milan: { username: "milan", displayName: "Milan Bos" },
  /** Only an office phone (calls only): signs in by call and confirms it's him by call (clock/office-phone-step-up.spec.ts only). */
  henk: { username: "henk", displayName: "Henk de Wit" },
  /** Adds the companion authenticator as a second app and signs in with its codes, also offline (companion-authenticator.spec.ts only). */
  mila: { username: "mila", displayName: "Mila Bos" },
  /** The authenticator with notifications (push): signs in by push, then adds a second phone (sign-in-by-push.spec.ts only). */
  jesse: { username: "jesse", displayName: "Jesse Visser" },
} as const;
