/** Shared by the sign-in form and the procedures: one schema, so client and server agree. */
import { z } from "../validation/zod";
import { safeText, secretText, typedCode } from "../validation/text";
import { CHANNELS } from "./methods/method";

const hex = (max: number) =>
  z
    .string()
    .regex(/^[0-9a-f]+$/)
    .max(max);

/**
 * A solved proof-of-work challenge (altcha-lib v2), sent with the password while many sign-ins
 * fail at once: the challenge exactly as the server signed it, and the solution the page found.
 */
export const signInProof = z.strictObject({
  challenge: z.strictObject({
    parameters: z.strictObject({
      algorithm: z.string().max(32),
      nonce: hex(64),
      salt: hex(64),
      cost: z.number().int().min(1).max(1_000_000),
      keyLength: z.number().int().min(1).max(64),
      keyPrefix: hex(128),
      keySignature: hex(128).optional(),
      memoryCost: z.number().int().min(1).max(1_000_000).optional(),
      parallelism: z.number().int().min(1).max(64).optional(),
      expiresAt: z
        .number()
        .int()
        .min(0)
        .max(2 ** 40)
        .optional(),
      /** Our own expiry (Unix seconds, by the server's clock), signed with the rest. */
      data: z
        .strictObject({
          exp: z
            .number()
            .int()
            .min(0)
            .max(2 ** 40),
        })
        .optional(),
    }),
    signature: hex(128),
  }),
  solution: z.strictObject({
    counter: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    derivedKey: hex(128),
    time: z.number().min(0).max(86_400_000).optional(),
  }),
});
export type SignInProof = z.infer<typeof signInProof>;

export const passwordStepInput = z.strictObject({
  username: safeText({ min: 1, max: 256, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  password: secretText({ max: 1024, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  proof: signInProof.optional(),
});
export type PasswordStepInput = z.infer<typeof passwordStepInput>;

export const completionInput = z.strictObject({
  attemptId: z.uuid(),
  completionToken: secretText({ min: 32, max: 128 }),
});
export type CompletionInput = z.infer<typeof completionInput>;

/** A code as typed: spaces and dashes are allowed and ignored; the verifier checks the digits. */

export const codeInput = z.strictObject({ code: typedCode });
export type CodeInput = z.infer<typeof codeInput>;

export const registrationConfirmInput = z.strictObject({ methodId: z.uuid(), code: typedCode });
export type RegistrationConfirmInput = z.infer<typeof registrationConfirmInput>;

export const methodChoiceInput = z.strictObject({ methodId: z.uuid(), channel: z.enum(CHANNELS) });
export type MethodChoiceInput = z.infer<typeof methodChoiceInput>;

/** A phone number as typed ("06 1234 5642" or "+31 6 12345642"); the server parses it as E.164. */
export const phoneNumberInput = z.strictObject({ number: safeText({ min: 6, max: 32, minMessage: "validation.phone", maxMessage: "validation.phone" }) });
export type PhoneNumberInput = z.infer<typeof phoneNumberInput>;

/** A temporary access pass as typed ("7KQ3 M2XD 9PTA H4RW", any case): the server normalises it. */
export const accessPassInput = z.strictObject({
  pass: safeText({ min: 1, max: 40, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
});
export type AccessPassInput = z.infer<typeof accessPassInput>;
