import { ERROR_CATALOG, HTTP_STATUS, isAppError } from "@/server/errors";
import { receiveProviderCallback } from "@/server/delivery/receive-callback";

/** Status callbacks from HTTP text and voice providers (signed; see README, "Delivery"). */
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }) {
  const { provider } = await params;
  const body = await request.text();
  if (body.length > 10_000) return Response.json({ error: { code: "INPUT_INVALID" } }, { status: 413 });
  try {
    await receiveProviderCallback(provider, body, request.headers);
    return Response.json({ ok: true });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return Response.json({ error: { code: error.code } }, { status: HTTP_STATUS[ERROR_CATALOG[error.code].transport] });
  }
}
