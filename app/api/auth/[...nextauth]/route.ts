import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { appAuthOptions } from "@/server/auth/auth-options";

/**
 * next-auth v4's App Router handler. The options are looked up per request rather than at import,
 * because they depend on the app context that the custom server sets at start-up (and
 * `next build` imports this module with no context at all).
 */
interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

function handleAuth(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, appAuthOptions()) as Promise<Response>;
}

export { handleAuth as GET, handleAuth as POST };
