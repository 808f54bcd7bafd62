import { z } from "zod";
import { moveClock, now, resetClock } from "@/server/core/clock";
import { getEnv } from "@/server/core/env";
import { routeError, withRouteErrors } from "@/server/http/route-errors";

/**
 * Test-only: moves the server clock. Exists only with TEST_CLOCK=1 outside production mode;
 * anywhere else it answers NOT_FOUND.
 */
const body = z
  .strictObject({
    advanceSeconds: z
      .number()
      .int()
      .min(-86_400 * 30)
      .max(86_400 * 400),
  })
  .or(z.strictObject({ reset: z.literal(true) }));

export const GET = withRouteErrors("test/clock", async (request: Request) => {
  if (!getEnv().testClock) return routeError(request, "NOT_FOUND");
  return Response.json({ now: now().toISOString() });
});

export const POST = withRouteErrors("test/clock", async (request: Request) => {
  if (!getEnv().testClock) return routeError(request, "NOT_FOUND");
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return routeError(request, "INPUT_INVALID");
  if ("reset" in parsed.data) resetClock();
  const at = "reset" in parsed.data ? now() : moveClock(parsed.data.advanceSeconds * 1000);
  return Response.json({ now: at.toISOString() });
});
