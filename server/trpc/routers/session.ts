import { z } from "zod";
import { listActiveSessions, revokeAllSessions } from "../../auth/sessions";
import { router } from "../init";
import { personProcedure } from "../procedures";

export const sessionRouter = router({
  me: personProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => ({
    username: ctx.session.person.username,
    displayName: ctx.session.person.displayName,
    role: ctx.session.person.role,
    displaySessionId: ctx.session.displaySessionId,
  })),
  list: personProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => listActiveSessions(ctx.session)),
  signOutEverywhere: personProcedure.input(z.strictObject({}).optional()).mutation(async ({ ctx }) => ({ ended: await revokeAllSessions(ctx.session, ctx.request) })),
});
