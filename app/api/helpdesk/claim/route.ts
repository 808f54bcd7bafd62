import { isAppError } from "@/server/core/errors";
import { assignTicket } from "@/server/helpdesk/queue";
import { assignInput } from "@/server/helpdesk/queue.schemas";
import { problemRedirect, withRouteErrors } from "@/server/http/route-errors";
import { backToQueue, seeOther, staffForm } from "../forms";

/** "Claim" in the queue (a plain form): the agent takes the ticket, then back to the queue. */
export const POST = withRouteErrors("helpdesk/claim", async (request: Request): Promise<Response> => {
  const posted = await staffForm(request);
  if (posted instanceof Response) return posted;
  const back = backToQueue(posted.form.get("back"));
  const parsed = assignInput.safeParse({ reference: posted.form.get("reference") });
  if (!parsed.success) return problemRedirect(back, "INPUT_INVALID");
  try {
    await assignTicket(posted.session, parsed.data, posted.info);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return problemRedirect(back, error.code);
  }
  return seeOther(back);
});
