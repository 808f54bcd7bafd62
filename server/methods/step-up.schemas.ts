import { CHANNELS } from "../verification/methods/method";
import { typedCode } from "../validation/text";
import { z } from "../validation/zod";

/** "Send code" or "Call me": a step-up code or call to one of the person's methods that sends or places one (a text, a call). */
export const stepUpSendInput = z.strictObject({ methodId: z.uuid(), channel: z.enum(CHANNELS) });
export type StepUpSendInput = z.infer<typeof stepUpSendInput>;

/** "Confirm": a code from the app (the default), the code sent for this step-up, or a recovery code. */
export const stepUpConfirmInput = z.strictObject({ code: typedCode, channel: z.enum(CHANNELS).optional() });
export type StepUpConfirmInput = z.infer<typeof stepUpConfirmInput>;
