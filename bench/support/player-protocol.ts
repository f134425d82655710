import type { PlayerSession } from "../../lib/contract/events";
import type { PlayerView } from "../../lib/contract/views";

/** What the runner tells a player process (player-worker.ts) over IPC. */
export type ToWorker =
  | {
      type: "join";
      /** Player i connects to urls[i % urls.length] (two nodes: every other player). */
      urls: string[];
      code: string;
      /** Global indices [from, from + count): nicknames and node choice follow them. */
      from: number;
      count: number;
      batch: number;
      thinkMinMs: number;
      thinkMaxMs: number;
      /** This process sends a sample of the product's player frames (for the bare server). */
      sample: boolean;
    }
  | { type: "report" }
  | { type: "close" };

/** Raw samples, so the runner can take percentiles over every process at once. */
export interface WorkerReport {
  connectMs: number[];
  joinAckMs: number[];
  joinErrors: Record<string, number>;
  joined: number;
  /** Receive time minus `sentAt` of each question's room:update, per player and question. */
  questionFanoutMs: number[];
  /** The same for each player's own rank frame (the reveal's room:update with `me`). */
  rankFanoutMs: number[];
  /** The same for the leaderboard phase's room:update. */
  leaderboardFanoutMs: number[];
  answerAckMs: number[];
  answerErrors: Record<string, number>;
  /** Every frame a joined player received from the server (events and acks), summed. */
  frames: number;
  /** Sizes of a sample of room:update frames by phase (JSON text length). */
  frameBytes: Record<string, number[]>;
  /** Connections that closed before the runner said so. */
  dropped: number;
  /** Players that never saw some question (missed a broadcast or were dropped). */
  missedQuestions: number;
}

export type FromWorker =
  | { type: "joined"; at: number }
  | { type: "sample"; session: PlayerSession; revealMe: PlayerView }
  | { type: "report"; report: WorkerReport };
