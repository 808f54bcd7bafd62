import { z } from "zod";
import { getDb } from "@/db/client";
import { now } from "@/server/clock";
import { getEnv } from "@/server/env";
import { simulatePasswordFloodForTests } from "@/server/verification/password-throttle";

/**
 * Test-only: puts the password step into the flood state (global failures above the ceiling, so
 * every try needs a solved challenge) for some seconds, or ends it. Exists only where the test
 * clock does (TEST_CLOCK=1 outside production mode); anywhere else it answers 404 like any unknown path.
 */
const body = z.strictObject({ seconds: z.number().int().min(1).max(3600) }).or(z.strictObject({ end: z.literal(true) }));

export async function POST(request: Request) {
  if (!getEnv().testClock) return new Response("Not Found", { status: 404 });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: { code: "INPUT_INVALID" } }, { status: 400 });
  await simulatePasswordFloodForTests(await getDb(), now(), "seconds" in parsed.data ? parsed.data.seconds : null);
  return Response.json({ flood: "seconds" in parsed.data });
}
