import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiErrorSchema, OwnSubmissionsResponseSchema } from "@/lib/contract/http";
import { type Harness, next, request, startHarness } from "../support/realtime-harness";
import { type OpenRoom, openRoom } from "../support/room-setup";
import { toArtifact, trainTinyMlp } from "../support/tiny-model";

/**
 * Item 14 of issue 8: a reloaded lab reads its submissions back from the server, which lists a
 * player's own submissions to a round only: whose list it is comes from the signed token, so no
 * request can list another player's.
 */
describe("a player's own submissions, listed for a reloaded lab", () => {
  let h: Harness;
  let room: OpenRoom;
  let other: OpenRoom;

  const list = (code: string, token: string, query = "round=0") =>
    fetch(`${h.url}/api/rooms/${code}/submissions?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });

  async function codingRoom(nicknames: string[]): Promise<OpenRoom> {
    const opened = await openRoom(h, nicknames, { questionCount: 1 }, [
      { afterQuestion: 0, durationSec: 600, accuracyFloor: 0.5, maxSubmissions: 3 },
    ]);
    const started = next(opened.players[0]!.socket, "room:update", (r) => r.phase === "question");
    await request(opened.host, "game:start", { code: opened.code });
    await started;
    return opened;
  }

  beforeAll(async () => {
    h = await startHarness("postgres");
    room = await codingRoom(["ada", "bob"]);
    other = await codingRoom(["cy"]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it(
    "lists the player's own submissions with status, public score and size, newest first",
    { timeout: 120_000 },
    async () => {
      const [ada, bob] = room.players;
      const model = await trainTinyMlp();
      const ids: string[] = [];
      for (const dtype of ["uint8", "float16"] as const) {
        const body = JSON.stringify(await toArtifact(model, dtype));
        const response = await fetch(`${h.url}/api/rooms/${room.code}/submissions?round=0`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${ada!.session.token}`,
            "content-type": "application/json",
          },
          body,
        });
        expect(response.status).toBe(202);
        ids.push(((await response.json()) as { data: { submissionId: string } }).data.submissionId);
      }
      await h.coding.idle();

      const response = await list(room.code, ada!.session.token);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const rows = OwnSubmissionsResponseSchema.parse(await response.json()).data;
      const stored = await h.db.prisma.submission.findMany({ where: { id: { in: ids } } });
      expect(rows.map((r) => r.submissionId)).toEqual([...ids].reverse());
      for (const row of rows) {
        const db = stored.find((s) => s.id === row.submissionId)!;
        expect(row).toEqual({
          submissionId: db.id,
          status: "SCORED",
          sizeBytes: db.sizeBytes,
          publicAccuracy: db.publicAccuracy,
          rejection: null,
          submittedAt: db.createdAt.getTime(),
        });
        // The private split decides the ranking: it is not shown while the round runs.
        expect(JSON.stringify(row)).not.toContain(String(db.privateAccuracy));
      }

      // Bob has none, whatever he asks for; another room's token opens nothing here.
      const bobs = await list(
        room.code,
        bob!.session.token,
        `round=0&player=${ada!.session.playerId}`,
      );
      expect(OwnSubmissionsResponseSchema.parse(await bobs.json()).data).toEqual([]);
      const foreign = await list(room.code, other.players[0]!.session.token);
      expect(foreign.status).toBe(401);
      expect(ApiErrorSchema.parse(await foreign.json()).error).toBe("INVALID_TOKEN");
      const forged = await list(room.code, "forged.token.value");
      expect(forged.status).toBe(401);
      const unsigned = await fetch(`${h.url}/api/rooms/${room.code}/submissions?round=0`);
      expect(unsigned.status).toBe(401);
      for (const query of ["", "round=-1", "round=x", "round=1.5"]) {
        const bad = await list(room.code, ada!.session.token, query);
        expect(bad.status).toBe(400);
      }
      // Another round of the same room: an empty list, not this round's.
      const quiz = await list(room.code, ada!.session.token, "round=1");
      expect(OwnSubmissionsResponseSchema.parse(await quiz.json()).data).toEqual([]);
    },
  );
});
