import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "./init";
import { appRouter } from "./root";

/**
 * At most this many calls in one batched request (httpBatchLink); more are refused INPUT_INVALID
 * before any runs. The app's client (app/_lib/trpc.ts) sends one call per request.
 */
export const MAX_BATCH_CALLS = 10;

/** The tRPC HTTP handler: the route (app/api/trpc) and the tests' Browser (test/http.ts) use this one. */
export function handleTrpcRequest(req: Request): Promise<Response> {
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext, maxBatchSize: MAX_BATCH_CALLS });
}
