import { z } from "zod";
import { moveClock, now, resetClock } from "@/server/clock";
import { getEnv } from "@/server/env";

/**
 * Test-only: moves the server clock. Exists only with TEST_CLOCK=1 outside production mode;
 * anywhere else it answers 404 like any unknown path.
 */
const body = z.strictObject({ advanceSeconds: z.number().int().min(-86_400 * 30).max(86_400 * 400) }).or(z.strictObject({ reset: z.literal(true) }));

function notFound() {
  return new Response("Not Found", { status: 404 });
}

export async function GET() {
  if (!getEnv().testClock) return notFound();
  return Response.json({ now: now().toISOString() });
}

export async function POST(request: Request) {
  if (!getEnv().testClock) return notFound();
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return Response.json({ error: { code: "INPUT_INVALID" } }, { status: 400 });
  const at = "reset" in parsed.data ? (resetClock(), now()) : moveClock(parsed.data.advanceSeconds * 1000);
  return Response.json({ now: at.toISOString() });
}
