import { z } from "../validation/zod";

/** "What happened?": one sign-in, by the correlation ID shown in its error details. */
export const diagnoseInput = z.strictObject({
  correlationId: z.uuid().transform((v) => v.toLowerCase()),
});
export type DiagnoseInput = z.infer<typeof diagnoseInput>;
