import { enrolmentPasswordInput, enrolmentTokenInput } from "../../setup/enrolment.schemas";
import { inspectEnrolmentLink, redeemEnrolmentLink } from "../../setup/enrolment-links";
import { router } from "../init";
import { publicProcedure } from "../procedures";

export const enrolmentRouter = router({
  inspect: publicProcedure.input(enrolmentTokenInput).mutation(({ input }) => inspectEnrolmentLink(input.token)),
  setPassword: publicProcedure.input(enrolmentPasswordInput).mutation(({ input, ctx }) => redeemEnrolmentLink({ token: input.token, password: input.password }, ctx.request)),
});
