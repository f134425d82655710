import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { appAuthOptions, appSignInLimits } from "@/server/auth/auth-options";
import { handleAuthPost } from "@/server/auth/auth-route-guard";

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

/** POSTs pass the guard first: a bounded, parseable body, and the sign-in limits. */
function POST(request: NextRequest, context: RouteContext): Promise<Response> {
  return handleAuthPost(
    request,
    appSignInLimits(),
    (checked) => NextAuth(new NextRequest(checked), context, appAuthOptions()) as Promise<Response>,
  );
}

export { GET, POST };
