import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import * as account from "@/app/api/account/route";
import * as accountClaims from "@/app/api/account/claims/route";
import * as accountClaimToken from "@/app/api/account/claim-token/route";
import * as accountExport from "@/app/api/account/export/route";
import * as adminUsers from "@/app/api/admin/users/route";
import * as adminUser from "@/app/api/admin/users/[id]/route";
import * as boards from "@/app/api/boards/[variant]/route";
import * as challenges from "@/app/api/challenges/route";
import * as challengeById from "@/app/api/challenges/[id]/route";
import * as challengeAttempt from "@/app/api/challenges/[id]/attempt/route";
import * as challengeAttempts from "@/app/api/challenges/[id]/attempts/route";
import * as events from "@/app/api/events/route";
import * as eventById from "@/app/api/events/[id]/route";
import * as eventCandidate from "@/app/api/events/[id]/candidates/[candidateId]/route";
import * as eventDashboard from "@/app/api/events/[id]/dashboard/route";
import * as eventExport from "@/app/api/events/[id]/export/route";
import * as eventInvites from "@/app/api/events/[id]/invites/route";
import * as eventInvite from "@/app/api/events/[id]/invites/[inviteId]/route";
import * as eventLookup from "@/app/api/events/[id]/lookup/route";
import * as eventMe from "@/app/api/events/[id]/me/route";
import * as eventPublish from "@/app/api/events/[id]/publish/route";
import * as eventRegister from "@/app/api/events/[id]/register/route";
import * as boardPages from "@/app/api/boards/route";
import * as health from "@/app/api/health/route";
import * as metrics from "@/app/api/metrics/route";
import * as submissions from "@/app/api/rooms/[code]/submissions/route";
import * as setById from "@/app/api/sets/[id]/route";
import * as duplicateSet from "@/app/api/sets/[id]/duplicate/route";
import * as exportSet from "@/app/api/sets/[id]/export/route";
import * as importSet from "@/app/api/sets/import/route";
import * as sets from "@/app/api/sets/route";
import * as signup from "@/app/api/signup/route";
import * as trainingData from "@/app/api/rooms/[code]/training-data/route";
import * as trainingShard from "@/app/api/rooms/[code]/training-data/[shard]/route";
import * as rescore from "@/app/api/submissions/[id]/rescore/route";

type Params = Record<string, string>;
/**
 * A route module's exported handler. Each declares its own params (`{ code: string }`); `never`
 * accepts them all, and matchRoute supplies the ones its pattern names.
 */
export type RouteHandler = (
  request: Request,
  context: { params: Promise<never> },
) => Promise<Response>;
export interface AppRoute {
  /** The route file's path under app/, as Next reads it: `/api/rooms/[code]/submissions`. */
  pattern: string;
  methods: Partial<Record<string, RouteHandler>>;
}

/**
 * Every route handler under app/api, mounted at the path Next mounts it (a test checks that no
 * route file is missing here). next-auth's entry point is passed in: its App Router handler needs
 * Next's request scope, so tests/support/http-app.ts runs the same options another way.
 */
export function appRoutes(auth: { GET: RouteHandler; POST: RouteHandler }): AppRoute[] {
  return [
    {
      pattern: "/api/account",
      methods: { GET: account.GET, PATCH: account.PATCH, DELETE: account.DELETE },
    },
    { pattern: "/api/account/claim-token", methods: { POST: accountClaimToken.POST } },
    { pattern: "/api/account/claims", methods: { POST: accountClaims.POST } },
    { pattern: "/api/account/export", methods: { GET: accountExport.GET } },
    { pattern: "/api/admin/users", methods: { GET: adminUsers.GET } },
    { pattern: "/api/admin/users/[id]", methods: { PATCH: adminUser.PATCH } },
    { pattern: "/api/auth/[...nextauth]", methods: auth },
    { pattern: "/api/boards", methods: { GET: boardPages.GET } },
    { pattern: "/api/boards/[variant]", methods: { GET: boards.GET } },
    { pattern: "/api/challenges", methods: { POST: challenges.POST, GET: challenges.GET } },
    { pattern: "/api/challenges/[id]", methods: { GET: challengeById.GET } },
    { pattern: "/api/challenges/[id]/attempt", methods: { POST: challengeAttempt.POST } },
    { pattern: "/api/challenges/[id]/attempts", methods: { GET: challengeAttempts.GET } },
    { pattern: "/api/events", methods: { GET: events.GET, POST: events.POST } },
    { pattern: "/api/events/[id]", methods: { GET: eventById.GET, PUT: eventById.PUT } },
    {
      pattern: "/api/events/[id]/candidates/[candidateId]",
      methods: { GET: eventCandidate.GET },
    },
    { pattern: "/api/events/[id]/dashboard", methods: { GET: eventDashboard.GET } },
    { pattern: "/api/events/[id]/export", methods: { GET: eventExport.GET } },
    { pattern: "/api/events/[id]/invites", methods: { POST: eventInvites.POST } },
    { pattern: "/api/events/[id]/invites/[inviteId]", methods: { DELETE: eventInvite.DELETE } },
    { pattern: "/api/events/[id]/lookup", methods: { POST: eventLookup.POST } },
    { pattern: "/api/events/[id]/me", methods: { GET: eventMe.GET } },
    { pattern: "/api/events/[id]/publish", methods: { POST: eventPublish.POST } },
    { pattern: "/api/events/[id]/register", methods: { POST: eventRegister.POST } },
    { pattern: "/api/health", methods: { GET: () => health.GET() } },
    { pattern: "/api/metrics", methods: { GET: metrics.GET } },
    {
      pattern: "/api/rooms/[code]/submissions",
      methods: { GET: submissions.GET, POST: submissions.POST },
    },
    { pattern: "/api/rooms/[code]/training-data", methods: { GET: trainingData.GET } },
    { pattern: "/api/rooms/[code]/training-data/[shard]", methods: { GET: trainingShard.GET } },
    { pattern: "/api/sets", methods: { GET: sets.GET, POST: sets.POST } },
    // A static segment wins over a dynamic one in Next: /api/sets/import is never a set id.
    { pattern: "/api/sets/import", methods: { POST: importSet.POST } },
    {
      pattern: "/api/sets/[id]",
      methods: { GET: setById.GET, PUT: setById.PUT, DELETE: setById.DELETE },
    },
    { pattern: "/api/sets/[id]/duplicate", methods: { POST: duplicateSet.POST } },
    { pattern: "/api/sets/[id]/export", methods: { GET: exportSet.GET } },
    { pattern: "/api/signup", methods: { POST: signup.POST } },
    { pattern: "/api/submissions/[id]/rescore", methods: { POST: rescore.POST } },
  ];
}

/** Matches Next's dynamic segments: `[name]` (one segment) and `[...name]` (the rest). */
export function matchRoute(
  routes: AppRoute[],
  pathname: string,
): { route: AppRoute; params: Params } | null {
  const segments = pathname.split("/").filter(Boolean);
  for (const route of routes) {
    const params: Params = {};
    const parts = route.pattern.split("/").filter(Boolean);
    let matched = true;
    for (const [i, part] of parts.entries()) {
      const segment = segments[i];
      if (part.startsWith("[...")) {
        params[part.slice(4, -1)] = segments.slice(i).join("/");
        break;
      }
      if (segment === undefined) matched = false;
      else if (part.startsWith("[")) params[part.slice(1, -1)] = decodeURIComponent(segment);
      else if (part !== segment) matched = false;
      if (!matched) break;
    }
    const catchAll = parts.at(-1)?.startsWith("[...") ?? false;
    if (matched && (catchAll || parts.length === segments.length)) return { route, params };
  }
  return null;
}

/** The route handlers behind a Node listener, as Next runs them: 404/405 like Next for misses. */
export async function serveRoutes(
  routes: AppRoute[],
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const request = toWebRequest(req);
  const found = matchRoute(routes, new URL(request.url).pathname);
  const handler = found?.route.methods[request.method];
  const response = !found
    ? new Response("not found", { status: 404 })
    : !handler
      ? new Response(null, { status: 405 })
      : await handler(request, { params: Promise.resolve(found.params) as Promise<never> });
  // Refused before its body was read (413): close the connection after answering, or it would
  // sit half-read until the keep-alive timeout and hold up the server's close by seconds.
  if (!req.complete) res.setHeader("connection", "close");
  await sendWebResponse(res, response);
}

function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, one);
    }
  }
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  } as RequestInit);
}

async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader("set-cookie", cookies);
  res.end(body);
}
