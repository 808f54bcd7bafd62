import { z } from "../validation/zod";
import { safeText } from "../validation/text";

/** The roles, for forms (the schema's list: db/schema/people.ts ROLES). */
export const ROLE_VALUES = ["person", "agent", "admin"] as const;

/** One new person, from the admin form or a CSV row. Usernames follow the one rule: NFKC, trimmed, lower case. */
export const newPersonInput = z.strictObject({
  username: z
    .string()
    .transform((v) => v.normalize("NFKC").trim().toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9._@+-]{2,254}$/, "validation.username")),
  displayName: safeText({ min: 1, max: 120, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  email: z.email("validation.email").max(254, "validation.tooLong"),
  locale: z.enum(["nl", "en"], "validation.locale"),
  role: z.enum(ROLE_VALUES, "validation.role"),
});
export type NewPersonInput = z.infer<typeof newPersonInput>;

export const importPeopleInput = z.strictObject({
  /** Below the 1 MB body limit of our server (server/http/body-limit.ts), with room for JSON escapes. */
  csv: safeText({ min: 1, max: 800_000, multiline: true, minMessage: "validation.required", maxMessage: "validation.tooLong" }),
  dryRun: z.boolean(),
});

export const setDisabledInput = z.strictObject({ personId: z.uuid(), disabled: z.boolean() });
export const setRoleInput = z.strictObject({ personId: z.uuid(), role: z.enum(ROLE_VALUES) });
export const setManagerInput = z.strictObject({ personId: z.uuid(), manager: safeText({ max: 254, maxMessage: "validation.tooLong" }) });
