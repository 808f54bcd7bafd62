/**
 * How the helpdesk checks who someone is when they have no usable method: in person with an ID
 * document, or their manager on record confirming with their own second factor.
 */
export const IDENTITY_CHECKS = ["in_person_id", "manager_confirmed"] as const;
export type IdentityCheck = (typeof IDENTITY_CHECKS)[number];
