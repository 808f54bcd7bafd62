import { z } from "../validation/zod";
import { safeText, typedCode } from "../validation/text";

export const confirmAuthenticatorInput = z.strictObject({ methodId: z.uuid(), code: typedCode });
export const removeMethodInput = z.strictObject({ methodId: z.uuid() });
/** The person's own name for a method ("work phone"): one line, at most 40 characters; empty clears it. */
export const METHOD_NICKNAME_MAX = 40;
export const renameMethodInput = z.strictObject({
  methodId: z.uuid(),
  nickname: safeText({ max: METHOD_NICKNAME_MAX, maxMessage: "validation.nickname" }),
});
export const addPhoneInput = z.strictObject({
  number: safeText({ min: 6, max: 32, minMessage: "validation.phone", maxMessage: "validation.phone" }),
  role: z.enum(["mobile", "alternate"]),
});
/** Confirming a new phone; with `replaces`, it takes the place of that phone ("change my number"). */
export const confirmPhoneInput = z.strictObject({ methodId: z.uuid(), code: typedCode, replaces: z.uuid().optional() });
export const defaultMethodInput = z.strictObject({ methodId: z.uuid(), channel: z.enum(["push", "totp", "sms", "voice"]) });

/** Lost or stolen phone: the methods that were on it (at least one). */
export const secureLostPhoneInput = z.strictObject({
  methodIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: "duplicate" }),
});
