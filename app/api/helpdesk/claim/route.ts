import { isAppError } from "@/server/errors";
import { assignTicket } from "@/server/helpdesk/queue";
import { assignInput } from "@/server/helpdesk/queue.schemas";
import { backToQueue, seeOther, staffForm } from "../forms";

/** "Claim" in the queue (a plain form): the agent takes the ticket, then back to the queue. */
export async function POST(request: Request): Promise<Response> {
  const posted = await staffForm(request);
  if (posted instanceof Response) return posted;
  const back = backToQueue(posted.form.get("back"));
  const parsed = assignInput.safeParse({ reference: posted.form.get("reference") });
  if (!parsed.success) return seeOther(back);
  try {
    await assignTicket(posted.session, parsed.data, posted.info);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return seeOther(`${back}${back.includes("?") ? "&" : "?"}problem=${error.code}`);
  }
  return seeOther(back);
}
