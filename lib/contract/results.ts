/**
 * What the results page and the boards read: response bodies shared by the repositories that
 * build them and the pages and components that show them (app/ imports these, never
 * server/repositories). JSON answers carry dates as ISO strings; the schemas in
 * lib/contract/http.ts describe the wire form.
 */

export interface RoomResultsRow {
  playerId: string;
  /** "Player N" when the host hid the nickname (then `hiddenAs` is N: clients word it). */
  nickname: string;
  hiddenAs?: number;
  rank: number;
  score: number;
  /** Quiz answers fully correct (of `questionCount`); coding rounds are counted apart. */
  correctCount: number;
  /** Coding rounds whose task this player's final model met (of `codingRoundCount`). */
  codingTargetsMet: number;
  answeredCount: number;
  /** Team mode: the index of the team the player finished on (RoomResults.teams names it). */
  team?: number;
}

/** Team mode: one team's final standing (score = mean of its members' points, one decimal). */
export interface TeamResultRow {
  team: number;
  /** A TEAM_COLORS key; clients word it when `name` is null. */
  color: string;
  name: string | null;
  members: number;
  score: number;
  rank: number;
}

/** A coding round's final standings as stored when it closed (each player's representative model). */
export interface CodingRoundResults {
  questionIndex: number;
  variant: string;
  entries: {
    playerId: string;
    nickname: string;
    hiddenAs?: number;
    rank: number;
    points: number;
    privateAccuracy: number | null;
    sizeBytes: number;
    summary: string;
  }[];
}

export interface RoomResults {
  code: string;
  status: "LOBBY" | "RUNNING" | "FINISHED" | "ABORTED";
  questionSetTitle: { zh: string; en: string };
  hostName: string;
  createdAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  /** Quiz questions (coding rounds are not among the room's question ids). */
  questionCount: number;
  /** Coding rounds that closed with at least one final model. */
  codingRoundCount: number;
  results: RoomResultsRow[];
  codingRounds: CodingRoundResults[];
  /** Team mode only (absent otherwise): the teams' final standings, best first. */
  teams?: TeamResultRow[];
}

export interface BestModelRow {
  submissionId: string;
  nickname: string;
  hiddenAs?: number;
  /** Null until the room has finished: a live room's code is a join code, not a link. */
  roomCode: string | null;
  privateAccuracy: number;
  sizeBytes: number;
  parameters: number;
  summary: string;
  createdAt: Date;
}
