import { simulatedCallAction } from "@/server/delivery/simulated-inbox";
import { callActionForm } from "@/server/delivery/simulated-phone.schemas";
import { isAppError } from "@/server/errors";

/** The simulated phone's call buttons (Answer, Decline, digits then #, 0#): demo only, no script needed. */
export async function POST(request: Request, { params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  const form = callActionForm.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
  if (!form.success || !/^[0-9a-f-]{36}$/i.test(messageId)) return Response.json({ error: { code: "INPUT_INVALID" } }, { status: 400 });
  try {
    await simulatedCallAction(messageId, form.data.action, form.data.digits);
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: { code: error.code } }, { status: 404 });
    throw error;
  }
  const back = `/${form.data.locale}/phone?number=${encodeURIComponent(form.data.number)}`;
  return new Response(null, { status: 303, headers: { Location: back, "Cache-Control": "no-store" } });
}
