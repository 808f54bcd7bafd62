import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, context: RouteContext) {
  // Cookies our own code adds to this answer (the attempt cookie cleared once a session exists).
  const extraCookies: string[] = [];
  // next-auth 4 predates async params; hand it resolved ones.
  const response: Response = await NextAuth(req as never, { params: await context.params } as never, authOptions((c) => extraCookies.push(c)));
  for (const cookie of extraCookies) response.headers.append("Set-Cookie", cookie);
  return response;
}

export { handler as GET, handler as POST };
