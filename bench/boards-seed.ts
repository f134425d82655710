/**
 * The volume of issue 10's benchmark, written by the database itself (INSERT ... SELECT from
 * generate_series: one statement per table, no rows cross the wire), so it seeds in seconds on
 * Postgres and on PGlite alike. Deterministic: the same rows every run.
 *
 * 5,000 accounts (every 50th hidden from boards), 5 public sets of 20 questions, 1,000 rooms over
 * the 90 days before NOW (90% finished, 5% running, 5% aborted), 20 players a room = 20,000
 * players (every 5th a guest), 5 answers each = 100,000 answers (points in steps of 100, so many
 * ties), and one coding submission per player in every other room = 10,000 submissions (final
 * with points once their round closed; the running rooms' rounds are still open). Every 25th
 * room runs under one of 4 events, 2 of them published: the other two's rooms count nowhere.
 */
export const BENCH_NOW = new Date("2026-12-09T12:00:00Z");
export const BENCH_VIEWER = "bu42";
export const BENCH_SET = "bset00000001";

export const SEED_STATEMENTS: string[] = [
  `INSERT INTO "User" ("id", "email", "name", "role", "hiddenFromBoards")
   SELECT 'bhost', 'host@example.test', 'Host', 'HOST', false`,
  `INSERT INTO "User" ("id", "email", "name", "hiddenFromBoards")
   SELECT 'bu' || i, 'bench' || i || '@example.test', 'Player ' || i, i % 50 = 0
     FROM generate_series(1, 5000) i`,
  `INSERT INTO "QuestionSet" ("id", "slug", "title", "description", "visibility", "updatedAt")
   SELECT 'bset' || lpad(s::text, 8, '0'), 'bench-set-' || s, jsonb_build_object('en', 'Bench set ' || s), '{}'::jsonb,
          'PUBLIC', now()
     FROM generate_series(1, 5) s`,
  `INSERT INTO "Question" ("id", "setId", "slug", "position", "type", "topic", "difficulty", "body", "updatedAt")
   SELECT 'bq' || s || '_' || k, 'bset' || lpad(s::text, 8, '0'), 'q' || k, k, 'single', 'bench', 1, '{}'::jsonb, now()
     FROM generate_series(1, 5) s, generate_series(0, 19) k`,
  `INSERT INTO "Event" ("id", "organiserId", "name", "startsAt", "endsAt", "terms", "publishedAt",
                        "updatedAt")
   SELECT 'bev' || e, 'bhost', 'Bench event ' || e, now() - interval '100 days', now(), 'terms',
          CASE WHEN e % 2 = 0 THEN now() END, now()
     FROM generate_series(0, 3) e`,
  `INSERT INTO "Room" ("id", "code", "hostId", "questionSetId", "settings", "questionIds", "status",
                       "createdAt", "startedAt", "endedAt", "eventId")
   SELECT 'br' || i, 'B' || lpad(i::text, 5, '0'), 'bhost', 'bset' || lpad((1 + i % 5)::text, 8, '0'), '{}'::jsonb, '{}',
          (CASE WHEN i % 20 = 0 THEN 'RUNNING' WHEN i % 20 = 1 THEN 'ABORTED' ELSE 'FINISHED' END)::"RoomStatus",
          t, t, CASE WHEN i % 20 = 0 THEN NULL ELSE t + interval '30 minutes' END,
          CASE WHEN i % 25 = 3 THEN 'bev' || (i / 25 % 4) END
     FROM (SELECT i, timestamp '${BENCH_NOW.toISOString().slice(0, 19).replace("T", " ")}'
                     - (i % 90) * interval '1 day' - (1 + i % 23) * interval '1 hour' AS t
             FROM generate_series(1, 1000) i) x`,
  `INSERT INTO "Player" ("id", "roomId", "nickname", "userId", "joinedAt")
   SELECT 'bp' || r || '_' || k, 'br' || r, 'n' || k,
          CASE WHEN (r * 20 + k) % 5 = 0 THEN NULL ELSE 'bu' || (1 + (r * 131 + k * 977) % 5000) END,
          now()
     FROM generate_series(1, 1000) r, generate_series(0, 19) k`,
  `INSERT INTO "Answer" ("id", "roomId", "playerId", "questionId", "questionIndex", "payload", "receivedAt",
                         "elapsedMs", "correctness", "points", "streakBonus", "streak")
   SELECT 'ba' || r || '_' || k || '_' || q, 'br' || r, 'bp' || r || '_' || k,
          'bq' || (1 + r % 5) || '_' || q, q, '{}'::jsonb, now(), 1000, 1,
          ((r * 7 + k * 13 + q * 29) % 10) * 100, (q % 3) * 10, q
     FROM generate_series(1, 1000) r, generate_series(0, 19) k, generate_series(0, 4) q`,
  `INSERT INTO "Submission" ("id", "roomId", "playerId", "questionIndex", "variant", "body", "sha256",
                             "sizeBytes", "parameters", "summary", "status", "privateAccuracy",
                             "final", "points", "metTarget", "createdAt")
   SELECT 'bs' || r || '_' || k, 'br' || r, 'bp' || r || '_' || k, 5,
          CASE WHEN r % 4 = 0 THEN 'scratch' ELSE 'shrink' END, '\\x00'::bytea, 'bench', 1000, 100, 'm',
          'SCORED', 0.9, fin, CASE WHEN fin THEN 250 + ((r * 17 + k * 31) % 16) * 50 END,
          CASE WHEN fin THEN true END, t.t + interval '10 minutes'
     FROM generate_series(1, 1000) r, generate_series(0, 19) k,
          LATERAL (SELECT r % 20 <> 0 AND k % 10 <> 9 AS fin) f,
          LATERAL (SELECT "createdAt" AS t FROM "Room" WHERE "id" = 'br' || r) t
    WHERE r % 2 = 0`,
];
