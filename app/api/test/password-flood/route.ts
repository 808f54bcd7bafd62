import { z } from "zod";
import { getEnv } from "@/server/core/env";
import { routeError, withRouteErrors } from "@/server/http/route-errors";
import { simulatePasswordFloodForTests } from "@/server/verification/password-throttle";

/**
 * Test-only: puts the password step into the flood state (global failures above the ceiling, so
 * every try needs a solved challenge) for some seconds, or ends it. Exists only where the test
 * clock does (TEST_CLOCK=1 outside production mode); anywhere else it answers NOT_FOUND.
 */
const body = z.strictObject({ seconds: z.number().int().min(1).max(3600) }).or(z.strictObject({ end: z.literal(true) }));

export const POST = withRouteErrors("test/password-flood", async (request: Request) => {
  if (!getEnv().testClock) return routeError(request, "NOT_FOUND");
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return routeError(request, "INPUT_INVALID");
  await simulatePasswordFloodForTests("seconds" in parsed.data ? parsed.data.seconds : null);
  return Response.json({ flood: "seconds" in parsed.data });
});
