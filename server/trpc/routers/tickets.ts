import { optionalSession } from "../../auth/require-session";
import { listMyTickets, myTicket, replyByStatusLink, replyToMyTicket, ticketByStatusLink, ticketForHelpdesk } from "../../tickets/read-tickets";
import { submitTicket } from "../../tickets/submit-ticket";
import { changeTicketStatus, mergeTickets, previewMerge, replyAsStaff, revokeStatusLink } from "../../tickets/staff-actions";
import { mergeTicketsInput, myTicketInput, staffReplyInput, statusTokenInput, submitTicketInput, ticketReplyInput, ticketStatusInput } from "../../tickets/tickets.schemas";
import { z } from "../../validation/zod";
import { router } from "../init";
import { agentProcedure, personProcedure, publicProcedure } from "../procedures";

/** Support tickets: file one (signed in or not), follow it, reply. */
export const ticketsRouter = router({
  submit: publicProcedure
    .input(submitTicketInput)
    .mutation(async ({ input, ctx }) =>
      submitTicket(input, { session: await optionalSession(ctx.request.cookieHeader), request: ctx.request, idempotencyKey: ctx.idempotencyKey }),
    ),
  mine: personProcedure.input(z.strictObject({}).optional()).query(({ ctx }) => listMyTickets(ctx.session)),
  get: personProcedure.input(myTicketInput).query(({ ctx, input }) => myTicket(ctx.session, input.reference)),
  reply: personProcedure.input(myTicketInput.extend(ticketReplyInput.shape)).mutation(({ ctx, input }) => replyToMyTicket(ctx.session, input.reference, input.body)),
  byStatusLink: publicProcedure.input(statusTokenInput).query(({ input }) => ticketByStatusLink(input.token)),
  replyByStatusLink: publicProcedure.input(statusTokenInput.extend(ticketReplyInput.shape)).mutation(({ input }) => replyByStatusLink(input.token, input.body)),
  /** The helpdesk's view (the console comes with the helpdesk issue). */
  forHelpdesk: agentProcedure.input(myTicketInput).query(({ input }) => ticketForHelpdesk(input.reference)),
  staffReply: agentProcedure.input(staffReplyInput).mutation(({ ctx, input }) => replyAsStaff(ctx.session, input, ctx.request)),
  setStatus: agentProcedure.input(ticketStatusInput).mutation(({ ctx, input }) => changeTicketStatus(ctx.session, input, ctx.request)),
  /** Closes a duplicate into the ticket the helpdesk goes on with. */
  merge: agentProcedure.input(mergeTicketsInput).mutation(({ ctx, input }) => mergeTickets(ctx.session, input, ctx.request)),
  /** The requester's status link stops working (a fresh one goes out with the next notice). */
  revokeStatusLink: agentProcedure.input(myTicketInput).mutation(({ ctx, input }) => revokeStatusLink(ctx.session, input, ctx.request)),
  /** The merge dialog: both tickets, how sure we are of each requester, and whether this direction is allowed. */
  mergePreview: agentProcedure.input(mergeTicketsInput).query(({ input }) => previewMerge(input)),
});
