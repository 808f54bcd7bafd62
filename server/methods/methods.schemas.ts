import { z } from "../validation/zod";
import { safeText, typedCode } from "../validation/text";

export const confirmAuthenticatorInput = z.strictObject({ methodId: z.uuid(), code: typedCode });
export const removeMethodInput = z.strictObject({ methodId: z.uuid() });
export const addPhoneInput = z.strictObject({
  number: safeText({ min: 6, max: 32, minMessage: "validation.phone", maxMessage: "validation.phone" }),
  role: z.enum(["mobile", "alternate"]),
});
/** Confirming a new phone; with `replaces`, it takes the place of that phone ("change my number"). */
export const confirmPhoneInput = z.strictObject({ methodId: z.uuid(), code: typedCode, replaces: z.uuid().optional() });
export const defaultMethodInput = z.strictObject({ methodId: z.uuid(), channel: z.enum(["totp", "sms", "voice"]) });

/** Lost or stolen phone: the methods that were on it (at least one). */
export const secureLostPhoneInput = z.strictObject({
  methodIds: z
    .array(z.uuid())
    .min(1)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, { message: "duplicate" }),
});
