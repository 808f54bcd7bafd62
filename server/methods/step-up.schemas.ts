import { typedCode } from "../validation/text";
import { z } from "../validation/zod";

/** "Send code": a step-up code by text to one of the person's phones. */
export const stepUpSendInput = z.strictObject({ methodId: z.uuid(), channel: z.enum(["sms"]) });
export type StepUpSendInput = z.infer<typeof stepUpSendInput>;

/** "Confirm": a code from the app (the default) or the code texted for this step-up. */
export const stepUpConfirmInput = z.strictObject({ code: typedCode, channel: z.enum(["totp", "sms"]).optional() });
export type StepUpConfirmInput = z.infer<typeof stepUpConfirmInput>;
