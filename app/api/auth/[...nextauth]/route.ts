import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext) {
  // next-auth 4 predates async params; hand it resolved ones.
  return NextAuth(req as never, { params: await context.params } as never, authOptions());
}

export { handler as GET, handler as POST };
