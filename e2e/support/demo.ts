/**
 * The demo organisation seeded in demo mode (db/seed.ts). Specs that end sessions of a person
 * ("sign out everywhere") use a person no other spec uses, so parallel tests never sign each other out.
 */
export const DEMO_PASSWORD = "tweestap-demo-2026";

export const DEMO = {
  /** Signs in on most journeys (sessions of her own are only ended one at a time). */
  anna: { username: "anna", displayName: "Anna de Vries" },
  /** Reserved for "sign out everywhere" (sessions.spec.ts). */
  bram: { username: "bram", displayName: "Bram Jansen" },
  /** English-speaking person. */
  emma: { username: "emma", displayName: "Emma Clarke" },
} as const;
