import { bulkStatus } from "@/server/helpdesk/queue";
import { bulkStatusInput } from "@/server/helpdesk/queue.schemas";
import { problemRedirect, withRouteErrors } from "@/server/http/route-errors";
import { isAppError } from "@/server/core/errors";
import { backToQueue, seeOther, staffForm } from "../forms";

/** Bulk status change from the queue (a plain form with ticked tickets), then back to the queue. */
export const POST = withRouteErrors("helpdesk/bulk-status", async (request: Request): Promise<Response> => {
  const posted = await staffForm(request);
  if (posted instanceof Response) return posted;
  const back = backToQueue(posted.form.get("back"));
  const parsed = bulkStatusInput.safeParse({ references: posted.form.getAll("references"), status: posted.form.get("status") });
  if (!parsed.success) return problemRedirect(back, "INPUT_INVALID");
  try {
    await bulkStatus(posted.session, parsed.data, posted.info);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return problemRedirect(back, error.code);
  }
  return seeOther(back);
});
