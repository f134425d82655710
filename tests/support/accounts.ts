import { encode } from "next-auth/jwt";
import type { Role } from "@/lib/accounts/roles";
import type { HttpApp } from "./http-app";
import { TEST_SECRET } from "./realtime-harness";

/** An account with the given role and a session cookie for it, made straight in the database. */
export async function accountWithRole(
  app: Pick<HttpApp, "repos">,
  name: string,
  role: Role,
): Promise<{ id: string; name: string; email: string; cookie: string }> {
  const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 10)}@example.test`;
  const user = await app.repos.users.create({ email, name, passwordHash: "not-used-here", role });
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, role },
    secret: TEST_SECRET,
  });
  return { ...user, cookie: `next-auth.session-token=${token}` };
}

export interface ApiAnswer {
  status: number;
  json: { ok: boolean; data?: unknown; error?: string } | null;
  headers: Headers;
}

/** A JSON request to the app, as a browser on its own origin would send it. */
export async function api(
  app: Pick<HttpApp, "url">,
  method: string,
  path: string,
  opts: { cookie?: string; body?: unknown } = {},
): Promise<ApiAnswer> {
  const response = await fetch(`${app.url}${path}`, {
    method,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await response.text();
  let json: ApiAnswer["json"] = null;
  try {
    json = JSON.parse(text) as ApiAnswer["json"];
  } catch {
    json = null;
  }
  return { status: response.status, json, headers: response.headers };
}
