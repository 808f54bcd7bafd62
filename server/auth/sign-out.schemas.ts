import { z } from "zod";

export const signOutForm = z.strictObject({ locale: z.enum(["nl", "en"]) });
