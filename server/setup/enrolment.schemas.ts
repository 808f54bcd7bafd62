import { z } from "../validation/zod";
import { secretText } from "../validation/text";

export const enrolmentTokenInput = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "validation.invalidLink"),
});

export const enrolmentPasswordInput = z
  .strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "validation.invalidLink"),
    password: secretText({ max: 1024, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
    confirmPassword: secretText({ max: 1024, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordsDiffer" });
