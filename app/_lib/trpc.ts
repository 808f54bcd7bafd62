"use client";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/root";

/**
 * A small tRPC client for forms (no query cache needed on these pages). One call per request
 * (httpLink, no batching): well within the server's cap of 10 calls a batch (server/trpc/handler.ts).
 */
export function trpcClient(locale: string) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: "/api/trpc",
        // A call may carry an Idempotency-Key (ticket submission) in its context.
        headers: ({ op }) => {
          const key = (op.context as { idempotencyKey?: string }).idempotencyKey;
          return key ? { "x-tweestap-locale": locale, "idempotency-key": key } : { "x-tweestap-locale": locale };
        },
      }),
    ],
  });
}
