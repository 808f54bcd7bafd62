import { readJson, withRouteErrors } from "@/server/http/route-errors";
import { listDeviceRequests } from "@/server/verification/methods/push/device-requests";
import { deviceRequestInput } from "@/server/verification/methods/push/push.schemas";

/** The device's open push requests (signed by the device key, purpose "requests"); never the number. */
export const POST = withRouteErrors("authenticator/requests", async (request: Request): Promise<Response> => {
  const { signature, ...fields } = await readJson(request, deviceRequestInput);
  return Response.json(await listDeviceRequests({ fields: { purpose: "requests", ...fields }, signature }), { headers: { "Cache-Control": "no-store" } });
});
