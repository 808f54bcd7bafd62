/**
 * A recovery code as the ticket redactor finds it (the method's `secrets`): 16 lower-case Crockford
 * characters (no I, L, O or U) in 4 groups of 4 joined by "-" ("7kq3-m2xd-9pta-h4rw"). A code as
 * the list shows it, in upper case, has the shape of a temporary access pass and is redacted as one.
 */
const CROCKFORD_LOWER_CLASS = "[0-9a-hjkmnp-tv-z]";
export const RECOVERY_CODE_SOURCE = `${CROCKFORD_LOWER_CLASS}{4}(?:-${CROCKFORD_LOWER_CLASS}{4}){3}`;

/** A whole recovery code, in that shape. */
export const RECOVERY_CODE_PATTERN = new RegExp(`^${RECOVERY_CODE_SOURCE}$`);
