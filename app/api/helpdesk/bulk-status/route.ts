import { bulkStatus } from "@/server/helpdesk/queue";
import { bulkStatusInput } from "@/server/helpdesk/queue.schemas";
import { backToQueue, seeOther, staffForm } from "../forms";

/** Bulk status change from the queue (a plain form with ticked tickets), then back to the queue. */
export async function POST(request: Request): Promise<Response> {
  const posted = await staffForm(request);
  if (posted instanceof Response) return posted;
  const back = backToQueue(posted.form.get("back"));
  const parsed = bulkStatusInput.safeParse({ references: posted.form.getAll("references"), status: posted.form.get("status") });
  if (!parsed.success) return seeOther(`${back}${back.includes("?") ? "&" : "?"}problem=INPUT_INVALID`);
  await bulkStatus(posted.session, parsed.data, posted.info);
  return seeOther(back);
}
