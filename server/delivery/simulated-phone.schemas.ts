import { z } from "../validation/zod";

/** A button pressed on the simulated phone's call screen (a plain form post), with the digits typed before "#". */
export const callActionForm = z.strictObject({
  action: z.enum(["answer", "decline", "hash", "zero-hash"]),
  digits: z
    .string()
    .regex(/^[0-9]{0,8}$/)
    .optional(),
  locale: z.enum(["nl", "en"]),
  number: z.string().regex(/^\+[1-9]\d{6,14}$/),
});
