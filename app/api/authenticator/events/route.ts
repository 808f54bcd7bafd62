import { routeError, withRouteErrors } from "@/server/http/route-errors";
import { deviceEventStream } from "@/server/verification/methods/push/device-requests";
import { eventsQuery } from "@/server/verification/methods/push/push.schemas";

/**
 * The device's event stream (Server-Sent Events). EventSource sends no headers, so the request is
 * signed in its query: deviceId, ts and signature (purpose "events").
 */
export const GET = withRouteErrors("authenticator/events", async (request: Request): Promise<Response> => {
  const query = eventsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return routeError(request, "INPUT_INVALID");
  const { signature, deviceId, ts } = query.data;
  const stream = await deviceEventStream({ fields: { purpose: "events", deviceId, ts }, signature }, request.signal);
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no" },
  });
});
