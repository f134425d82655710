/**
 * Integration tests talk to a real Postgres. TEST_DATABASE_URL (or DATABASE_URL) names it; on
 * this kind of machine one answers at 127.0.0.1:5432 with the `test` database.
 */
export default function setup(): void {
  process.env.TEST_DATABASE_URL ??=
    process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/test";
}
