import { simulatedCallAction } from "@/server/delivery/simulated-inbox";
import { callActionForm } from "@/server/delivery/simulated-phone.schemas";
import { firstValues, readForm, routeError, seeOther, withRouteErrors } from "@/server/http/route-errors";
import { z } from "@/server/validation/zod";

const messageIdParam = z.uuid();

/** The simulated phone's call buttons (Answer, Decline, digits then #, 0#): demo only, no script needed. */
export const POST = withRouteErrors("phone/calls/[messageId]", async (request: Request, { params }: { params: Promise<{ messageId: string }> }) => {
  const { messageId } = await params;
  if (!messageIdParam.safeParse(messageId).success) return routeError(request, "INPUT_INVALID");
  const form = callActionForm.safeParse(firstValues(await readForm(request)));
  if (!form.success) return routeError(request, "INPUT_INVALID");
  await simulatedCallAction(messageId, form.data.action, form.data.digits);
  return seeOther(`/${form.data.locale}/phone?number=${encodeURIComponent(form.data.number)}`);
});
