import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext) {
  // next-auth 4 predates async params; hand it resolved ones.
  const cookies: string[] = [];
  const response: Response = await NextAuth(req as never, { params: await context.params } as never, authOptions({ setCookie: (c) => cookies.push(c) }));
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
}

export { handler as GET, handler as POST };
