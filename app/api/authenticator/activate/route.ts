import { clientIp } from "@/server/http/client-ip";
import { readJson, withRouteErrors } from "@/server/http/route-errors";
import { activateDevice } from "@/server/verification/methods/push/device-requests";
import { activateInput } from "@/server/verification/methods/push/push.schemas";

/**
 * The companion authenticator activates a device: the activation URL (or its ID) and code from
 * security info, the device's public key and name. Answers the device's ID and, once, the
 * account's authenticator-code secret.
 */
export const POST = withRouteErrors("authenticator/activate", async (request: Request): Promise<Response> => {
  const input = await readJson(request, activateInput);
  return Response.json(await activateDevice(input, clientIp(request.headers)), { headers: { "Cache-Control": "no-store" } });
});
