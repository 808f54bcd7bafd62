import type { Role } from "@/db/schema";

/** Session timeouts (PRODUCT.md): idle 30 min (staff 15), absolute 12 h. */
export const SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60;
export const SESSION_TOUCH_EVERY_SECONDS = 60;

export function idleTimeoutSeconds(role: Role): number {
  return role === "person" ? 30 * 60 : 15 * 60;
}

export function isStaff(role: Role): boolean {
  return role === "agent" || role === "admin";
}
