import { z } from "../validation/zod";


export const enrolmentTokenInput = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "validation.invalidLink"),
});

export const enrolmentPasswordInput = z
  .strictObject({
    token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "validation.invalidLink"),
    password: z.string().min(1, "validation.required").max(1024, "validation.tooLong"),
    confirmPassword: z.string().min(1, "validation.required").max(1024, "validation.tooLong"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "validation.passwordsDiffer" });
