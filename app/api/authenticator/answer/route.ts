import { readJson, withRouteErrors } from "@/server/http/route-errors";
import { answerDeviceRequest } from "@/server/verification/methods/push/device-requests";
import { answerInput } from "@/server/verification/methods/push/push.schemas";

/** The device's answer to one push request: approve (with the number typed), deny or report (signed, purpose "answer"). */
export const POST = withRouteErrors("authenticator/answer", async (request: Request): Promise<Response> => {
  const { signature, deviceId, ts, challengeId, nonce, decision, number } = await readJson(request, answerInput);
  const fields = { purpose: "answer" as const, deviceId, ts, challengeId, nonce, decision, number };
  return Response.json(await answerDeviceRequest({ fields, signature, challengeId, nonce, decision, number }), { headers: { "Cache-Control": "no-store" } });
});
