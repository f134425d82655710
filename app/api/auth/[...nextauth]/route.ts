import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { appAuthOptions, appSignInLimits } from "@/server/auth/auth-options";
import { guardAuthPost } from "@/server/auth/auth-route-guard";

/**
 * next-auth v4's App Router handler. The options are looked up per request rather than at import,
 * because they depend on the app context that the custom server sets at start-up (and
 * `next build` imports this module with no context at all).
 */
interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

function GET(request: NextRequest, context: RouteContext): Promise<Response> {
  return NextAuth(request, context, appAuthOptions()) as Promise<Response>;
}

/**
 * POSTs go through the guard first (body checked and bounded, sign-in limits); next-auth then
 * reads the same body from a copy of the request, since the guard has consumed the original.
 */
async function POST(request: NextRequest, context: RouteContext): Promise<Response> {
  const guard = await guardAuthPost(request, { limits: appSignInLimits() });
  if (!guard.ok) return guard.response;
  const checked = new NextRequest(request.url, {
    method: "POST",
    headers: request.headers,
    body: guard.body,
  });
  return NextAuth(checked, context, appAuthOptions()) as Promise<Response>;
}

export { GET, POST };
