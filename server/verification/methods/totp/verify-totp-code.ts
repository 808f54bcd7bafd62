import { generate, verify } from "otplib";

/**
 * THE TOTP verifier (authenticator apps, later hardware OATH tokens): one place for the window,
 * replay and clock-drift rules.
 * - 30 s steps; the current step and one either side are accepted (90 s: a documented deviation
 *   from ASVS 5 6.5.5, as in Keycloak and Authelia);
 * - a step at or before the credential's last used step is a replay, never accepted;
 * - a rejected code is checked (never accepted) against ±10 minutes to tell a phone whose clock is
 *   off from a wrong code.
 */
export interface TotpParameters {
  secret: Uint8Array;
  algorithm: "sha1" | "sha256" | "sha512";
  digits: number;
  period: number;
}

export type TotpCheck =
  | { kind: "match"; timeStep: number }
  | { kind: "malformed" }
  | { kind: "replayed"; timeStep: number }
  | { kind: "drift"; offsetSeconds: number }
  | { kind: "wrong" };

type TotpResult = { valid: true; delta: number; timeStep: number } | { valid: false };

export const TOTP_ACCEPT_STEPS = 1;
export const DRIFT_WINDOW_SECONDS = 10 * 60;

/** Strict form: exactly `digits` ASCII digits (no spaces, letters or full-width digits). */
export function isWellFormedCode(code: string, digits: number): boolean {
  return code.length === digits && /^[0-9]+$/.test(code);
}

export async function checkTotpCode(params: TotpParameters, code: string, at: Date, lastUsedStep: number | null): Promise<TotpCheck> {
  if (!isWellFormedCode(code, params.digits)) return { kind: "malformed" };
  const epoch = Math.floor(at.getTime() / 1000);
  const options = { secret: params.secret, token: code, epoch, algorithm: params.algorithm, digits: params.digits as 6 | 8, period: params.period };
  const window = params.period * TOTP_ACCEPT_STEPS;
  const accepted = (await verify({ ...options, strategy: "totp", epochTolerance: [window, window] })) as TotpResult;
  if (accepted.valid) {
    if (lastUsedStep !== null && accepted.timeStep <= lastUsedStep) return { kind: "replayed", timeStep: accepted.timeStep };
    return { kind: "match", timeStep: accepted.timeStep };
  }
  const wide = (await verify({ ...options, strategy: "totp", epochTolerance: DRIFT_WINDOW_SECONDS })) as TotpResult;
  if (wide.valid) {
    // Only the very step that was used is a replay here; an older step from a phone whose clock
    // fell behind is still drift (and never accepted either way).
    if (lastUsedStep !== null && wide.timeStep === lastUsedStep) return { kind: "replayed", timeStep: wide.timeStep };
    return { kind: "drift", offsetSeconds: wide.delta * params.period };
  }
  return { kind: "wrong" };
}

/** The code an authenticator shows at `at` (demo command, tests and the companion app). */
export function totpCodeAt(params: TotpParameters, at: Date): Promise<string> {
  return generate({
    secret: params.secret,
    epoch: Math.floor(at.getTime() / 1000),
    algorithm: params.algorithm,
    digits: params.digits as 6 | 8,
    period: params.period,
  });
}
