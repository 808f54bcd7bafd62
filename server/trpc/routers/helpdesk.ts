import { confirmCallerVerification, startCallerVerification } from "../../helpdesk/caller-verification";
import { approvalForAgent, approve, managerDecide, managerRequest, requestApproval } from "../../helpdesk/approvals";
import {
  approvalIdInput,
  approveInput,
  managerDecisionInput,
  confirmVerificationInput,
  requestApprovalInput,
  resetInput,
  startVerificationInput,
  ticketReferenceInput,
} from "../../helpdesk/helpdesk.schemas";
import { personOverview } from "../../helpdesk/person-overview";
import { assignTicket, bulkStatus, listQueue } from "../../helpdesk/queue";
import { assignInput, bulkStatusInput, queueQueryInput } from "../../helpdesk/queue.schemas";
import { performReset } from "../../helpdesk/reset-actions";
import { router } from "../init";
import { agentProcedure, personProcedure } from "../procedures";

/** The helpdesk console: the account behind a ticket, caller verification, approvals, resets; and a manager's answer to an identity check. */
export const helpdeskRouter = router({
  person: agentProcedure.input(ticketReferenceInput).query(({ input }) => personOverview(input.reference)),
  startVerification: agentProcedure.input(startVerificationInput).mutation(({ ctx, input }) => startCallerVerification(ctx.session, input, ctx.request)),
  confirmVerification: agentProcedure.input(confirmVerificationInput).mutation(({ ctx, input }) => confirmCallerVerification(ctx.session, input, ctx.request)),
  reset: agentProcedure.input(resetInput).mutation(({ ctx, input }) => performReset(ctx.session, input, ctx.request)),
  requestApproval: agentProcedure.input(requestApprovalInput).mutation(({ ctx, input }) => requestApproval(ctx.session, input, ctx.request)),
  /** One approval with the facts the approver must see beside the reason, and their digest. */
  approval: agentProcedure.input(approvalIdInput).query(({ input }) => approvalForAgent(input.approvalId)),
  approve: agentProcedure.input(approveInput).mutation(({ ctx, input }) => approve(ctx.session, input, ctx.request)),
  /** For the manager on record (any signed-in person): the identity check they are asked to confirm. */
  managerRequest: personProcedure.input(approvalIdInput).query(({ ctx, input }) => managerRequest(ctx.session, input.approvalId)),
  managerDecide: personProcedure.input(managerDecisionInput).mutation(({ ctx, input }) => managerDecide(ctx.session, input, ctx.request)),
  queue: agentProcedure.input(queueQueryInput).query(({ ctx, input }) => listQueue(ctx.session, input)),
  assign: agentProcedure.input(assignInput).mutation(({ ctx, input }) => assignTicket(ctx.session, input, ctx.request)),
  bulkStatus: agentProcedure.input(bulkStatusInput).mutation(({ ctx, input }) => bulkStatus(ctx.session, input, ctx.request)),
});
