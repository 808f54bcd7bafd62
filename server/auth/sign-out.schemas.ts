import { z } from "../validation/zod";

export const signOutForm = z.strictObject({ locale: z.enum(["nl", "en"]) });
