import { appContext } from "@/server/context";

export const dynamic = "force-dynamic";

/** Readiness: the custom server has opened and migrated the database and seeded the bank. */
export function GET(): Response {
  try {
    appContext();
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false }, { status: 503 });
  }
}
