/**
 * What the companion authenticator sends (app/api/authenticator/*): one schema per request, so the
 * routes stay thin. Every device request carries the device's ID, its clock (Unix seconds) and its
 * signature (device-signature.ts).
 */
import { safeText } from "../../../validation/text";
import { z } from "../../../validation/zod";

const base64url = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/);

/** A P-256 public key as WebCrypto exports it (43 base64url characters per coordinate); never a private key. */
export const publicKeyJwkInput = z.strictObject({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: base64url(43, 43),
  y: base64url(43, 43),
  ext: z.boolean().optional(),
  key_ops: z.array(z.literal("verify")).max(1).optional(),
});

/** The device's ID, its clock and its signature: the part of every device request. */
const signed = {
  deviceId: z.uuid(),
  ts: z
    .number()
    .int()
    .min(0)
    .max(2 ** 40),
  /** IEEE P1363 (64 bytes), base64url without padding: 86 characters. */
  signature: base64url(86, 86),
};

export const deviceRequestInput = z.strictObject(signed);

export const PUSH_DECISIONS = ["approve", "deny", "report"] as const;
export type PushDecision = (typeof PUSH_DECISIONS)[number];

export const answerInput = z.strictObject({
  ...signed,
  challengeId: z.uuid(),
  nonce: base64url(16, 64),
  decision: z.enum(PUSH_DECISIONS),
  /** The number typed on the device (number matching); empty for deny and report. */
  number: z.string().regex(/^[0-9]{0,6}$/),
});

/** The event stream's query (EventSource sends no headers, so it is signed in the address). */
export const eventsQuery = z.strictObject({
  deviceId: z.uuid(),
  ts: z
    .string()
    .regex(/^[0-9]{1,12}$/)
    .transform(Number),
  signature: base64url(86, 86),
});

/** The activation code as printed (15 digits in groups of three) or typed: digits, spaces and dashes. */
export const activationCodeText = z
  .string()
  .max(40)
  .regex(/^[0-9 -]*$/);

export const activateInput = z
  .strictObject({
    /** The activation URL from the QR code or typed by hand; or its ID alone. */
    activationUrl: z.url().max(300).optional(),
    activationId: z
      .string()
      .max(40)
      .regex(/^[0-9A-Za-z -]+$/)
      .optional(),
    code: activationCodeText,
    publicKeyJwk: publicKeyJwkInput,
    deviceName: safeText({ min: 1, max: 40, minMessage: "validation.required", maxMessage: "validation.nickname" }),
  })
  .refine((v) => v.activationUrl !== undefined || v.activationId !== undefined, { message: "validation.required" });
export type ActivateInput = z.infer<typeof activateInput>;

/** Security info waits for the device: the activation it started. */
export const activationStatusInput = z.strictObject({ activationId: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/) });
