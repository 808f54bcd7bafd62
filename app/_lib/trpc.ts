"use client";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@/server/trpc/root";

/** A small tRPC client for forms (no query cache needed on these pages). */
export function trpcClient(locale: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: "/api/trpc", headers: { "x-tweestap-locale": locale } })],
  });
}
