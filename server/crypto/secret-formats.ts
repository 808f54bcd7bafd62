/**
 * The shapes of the general secrets Tweestap hands out, in one place: generators, input parsers and
 * the ticket redactor (server/tickets/redact.ts) read these rules from here. A second-factor method
 * brings the shapes of its own secrets (its `secrets` in the method contract: recovery codes).
 *
 * `*_SOURCE` constants are unanchored regex sources (no flags needed; valid with or without `u`)
 * for embedding in larger patterns; `*_PATTERN` constants match one whole value.
 *
 * Not secrets, and deliberately not matched by any shape here:
 * - the display session ID, 3 groups of 4 upper-case Crockford characters ("7KQ3-M2XD-9PTA",
 *   see READABLE_ID_PATTERN in ./random), which people read aloud to the helpdesk;
 * - correlation IDs, which are UUIDs;
 * - ticket references such as "TS-000123".
 */

/** Crockford base32 without I, L, O and U, upper case: the alphabet of temporary access passes. */
export const CROCKFORD_UPPER = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

const CROCKFORD_UPPER_CLASS = "[0-9A-HJKMNP-TV-Z]";

/** Fewest digits in a one-time code (text, voice and authenticator-app codes). */
export const ONE_TIME_CODE_MIN_DIGITS = 6;

/** Most digits in a one-time code. */
export const ONE_TIME_CODE_MAX_DIGITS = 8;

/** People may type a code in two groups ("123 456", "1234-5678"); each group has at least this many digits. */
export const ONE_TIME_CODE_MIN_GROUP_DIGITS = 3;

/**
 * A one-time code as people type it: 6–8 digits in one group, or split once by a space or "-" into
 * two groups of at least 3 digits ("123456", "123 456", "123-4567", "1234 5678").
 */
export const ONE_TIME_CODE_SOURCE = "\\d{6,8}|\\d{3}[ -]\\d{3,5}|\\d{4}[ -]\\d{3,4}|\\d{5}[ -]\\d{3}";

/** A whole one-time code, grouped or not. */
export const ONE_TIME_CODE_PATTERN = new RegExp(`^(?:${ONE_TIME_CODE_SOURCE})$`);

/** Letters in an app password. */
export const APP_PASSWORD_LENGTH = 16;

/** An app password: 16 lower-case letters a–z, shown as one word ("qwhdkzmpaxtrbnel"). */
export const APP_PASSWORD_SOURCE = `[a-z]{${APP_PASSWORD_LENGTH}}`;

/** A whole app password. */
export const APP_PASSWORD_PATTERN = new RegExp(`^${APP_PASSWORD_SOURCE}$`);

/**
 * A temporary access pass from the helpdesk: 16 upper-case Crockford characters in 4 groups of 4
 * joined by "-" ("7KQ3-M2XD-9PTA-H4RW"). One group more than a display session ID.
 */
export const ACCESS_PASS_SOURCE = `${CROCKFORD_UPPER_CLASS}{4}(?:-${CROCKFORD_UPPER_CLASS}{4}){3}`;

/** A whole temporary access pass. */
export const ACCESS_PASS_PATTERN = new RegExp(`^${ACCESS_PASS_SOURCE}$`);

/** One group of a temporary access pass as people type it: four Crockford characters, either case. */
export const ACCESS_PASS_GROUP_SOURCE = "[0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{4}";

/**
 * A temporary access pass as people type it and sign-in accepts it (normalizePass): either case,
 * the four groups joined by "-" or not joined at all ("7kq3-m2xd-9pta-h4rw", "7kq3m2xd9ptah4rw").
 * Groups joined by spaces are found by the redactor's own walk (server/tickets/redact.ts).
 */
export const ACCESS_PASS_TYPED_SOURCE = `${ACCESS_PASS_GROUP_SOURCE}(?:-${ACCESS_PASS_GROUP_SOURCE}){3}|(?:${ACCESS_PASS_GROUP_SOURCE}){4}`;
