/** The troubleshooting wizards (server/troubleshooting/wizards.ts holds their steps). */
export const WIZARD_IDS = ["lost-phone", "no-code", "new-device", "new-number", "travelling", "not-prompted", "cant-disable", "error-code"] as const;
export type WizardId = (typeof WIZARD_IDS)[number];

export function isWizardId(value: unknown): value is WizardId {
  return typeof value === "string" && (WIZARD_IDS as readonly string[]).includes(value);
}
