import { optionalSession } from "../../auth/require-session";
import { diagnoseForCaller, diagnoseForHelpdesk } from "../../diagnosis/diagnose-sign-in";
import { diagnoseInput } from "../../diagnosis/diagnosis.schemas";
import { router } from "../init";
import { agentProcedure, publicProcedure } from "../procedures";

export const helpRouter = router({
  /** The person's own sign-in in full, or this browser's attempt as far as its steps showed. */
  diagnose: publicProcedure.input(diagnoseInput).query(async ({ input, ctx }) => {
    const session = await optionalSession(ctx.request.cookieHeader);
    return diagnoseForCaller({ correlationId: input.correlationId, personId: session?.person.id ?? null, cookieHeader: ctx.request.cookieHeader });
  }),
  /** Everything about a sign-in, for the helpdesk. */
  diagnoseAsAgent: agentProcedure.input(diagnoseInput).query(({ input }) => diagnoseForHelpdesk(input.correlationId)),
});
