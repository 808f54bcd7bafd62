import { receiveProviderCallback } from "@/server/delivery/receive-callback";
import { routeError, withRouteErrors } from "@/server/http/route-errors";

/** Status callbacks from HTTP text and voice providers (signed; see README, "Delivery"). */
export const POST = withRouteErrors("delivery/callback/[provider]", async (request: Request, { params }: { params: Promise<{ provider: string }> }) => {
  const { provider } = await params;
  const body = await request.text();
  if (body.length > 10_000) return routeError(request, "REQUEST_TOO_LARGE");
  await receiveProviderCallback(provider, body, request.headers);
  return Response.json({ ok: true });
});
