/**
 * The ways a second factor is given at sign-in, one list for the schema (sign_in_attempts.
 * selected_channel, people.default_channel) and the method contract, which re-exports it
 * (server/verification/methods/method.ts CHANNELS; the registry checks that its methods offer
 * exactly these). Plain constants with no imports, so the browser can use them without table code.
 */
const EVERYDAY_CHANNELS = ["push", "totp", "sms", "voice"] as const;

/** Every sign-in channel, strongest first; a last resort (recovery codes) comes last. */
export const SIGN_IN_CHANNELS = [...EVERYDAY_CHANNELS, "recovery_code"] as const;
export type SignInChannel = (typeof SIGN_IN_CHANNELS)[number];

/**
 * The channels that may be a person's default way: every one but a last resort (recovery codes are
 * never offered first). registry.test.ts checks this against the methods' lastResort traits.
 */
export const DEFAULT_CHANNELS = EVERYDAY_CHANNELS;
export type DefaultChannel = (typeof DEFAULT_CHANNELS)[number];
