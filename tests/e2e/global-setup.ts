import type { FullConfig } from "@playwright/test";
import pg from "pg";

/**
 * One administrator for the journeys that need a role only an admin grants (an event's
 * ORGANISER). Runs once, after the server is up and before any spec. On the fresh embedded
 * database of a plain run this account is the install's first, so the server itself makes it
 * ADMIN. On a Postgres that earlier runs left accounts in (CI's DATABASE_URL), it is promoted in
 * SQL, as an operator would: there is no sign-up path to ADMIN on a used install, on purpose.
 */
export const E2E_ADMIN = {
  email: "e2e-admin@example.test",
  name: "E2E Admin",
  password: "correct horse battery admin",
} as const;

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  if (!baseURL) throw new Error("global setup: no baseURL");
  const response = await fetch(new URL("/api/signup", baseURL), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(E2E_ADMIN),
  });
  const body = (await response.json()) as { ok: boolean; data?: { role: string }; error?: string };
  if (body.ok && body.data?.role === "ADMIN") return;
  if (!body.ok && body.error !== "EMAIL_TAKEN") {
    throw new Error(`global setup: admin sign-up refused: ${body.error ?? response.status}`);
  }
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "global setup: the e2e admin is not the first account and there is no DATABASE_URL to promote it with",
    );
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`UPDATE "User" SET role = 'ADMIN' WHERE email = $1`, [E2E_ADMIN.email]);
  } finally {
    await client.end();
  }
}
