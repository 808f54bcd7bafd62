import { checkHealth } from "@/server/health";
import { withRouteErrors } from "@/server/http/route-errors";

export const GET = withRouteErrors("health", async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
});
