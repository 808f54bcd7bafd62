import { passwordStepInput } from "../../verification/sign-in.schemas";
import { submitPassword } from "../../verification/submit-password";
import { router } from "../init";
import { publicProcedure } from "../procedures";

export const signInRouter = router({
  password: publicProcedure
    .input(passwordStepInput)
    .mutation(({ input, ctx }) => submitPassword(input, ctx.request, (cookie) => ctx.resHeaders.append("set-cookie", cookie))),
});
