"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import type { PlayerView, RoomView } from "@/lib/contract/views";
import { usePlayerRoom } from "../hooks/use-player-room";
import { useI18n } from "../lib/i18n";
import { AnswerButtons, isChoiceQuestion } from "./answer-buttons";
import { AnswerForm, isFormQuestion } from "./answer-forms";
import { CodingFinishRound } from "./coding-finish-round";
import { CodingMyResult } from "./coding-my-result";
import { CodingScoringStatus } from "./coding-scoring-status";
import { Countdown } from "./countdown";
import { ErrorMessage } from "./error-message";
import { JoinForm } from "./join-form";
import { LaptopHint } from "./laptop-hint";
import { Leaderboard } from "./leaderboard";
import { MyResult } from "./my-result";
import { Podium } from "./podium";
import { MyTeam, TeamPicker } from "./player-team";
import { TeamPodium, TeamStandings } from "./team-standings";
import { QuestionView } from "./question-view";
import { RevealAnswer } from "./reveal-answer";
import { YourAnswer } from "./your-answer";

// The training lab (CodeMirror, recharts, the TF.js worker) loads only when a coding round starts.
const CodingLab = dynamic(() => import("../lab/coding-lab"), {
  ssr: false,
  loading: () => <LabLoading />,
});

function LabLoading() {
  const { t } = useI18n();
  return (
    <>
      <LaptopHint />
      <p className="card center-card loading" role="status">
        {t("lab.loading")}
      </p>
    </>
  );
}

const RANKED = new Set<RoomView["phase"]>(["reveal", "leaderboard", "podium"]);

/** Own nickname, score and (once there is a ranking) rank: always visible at the top. */
function StatusBar({ room, me }: { room: RoomView; me: PlayerView }) {
  const { t, tn } = useI18n();
  return (
    <>
      <div className="player-status">
        <span className="player-name" data-testid="my-name">
          {tn(me)}
        </span>
        {RANKED.has(room.phase) && me.rank > 0 && (
          <span className="player-stat">
            {t("rank")} <strong>#</strong>
            <strong data-testid="my-rank">{me.rank}</strong>
          </span>
        )}
        <span className="player-stat">
          {t("score")} <strong data-testid="my-score">{me.score}</strong>
        </span>
        <MyTeam room={room} me={me} />
      </div>
      {me.hiddenAs !== undefined && (
        // Told plainly, so the player is not left wondering why the screen calls them "Player 7".
        <p className="banner banner-warning" role="status" data-testid="name-hidden">
          {t("player.nameHidden", { name: tn(me) })}
        </p>
      )}
    </>
  );
}

export function PlayerScreen({ code }: { code: string }) {
  const { t, tx } = useI18n();
  const player = usePlayerRoom(code);
  const { room, me } = player;

  if (player.status === "kicked") {
    return (
      <main className="player-screen" data-testid="player-screen" data-phase="kicked">
        <div className="card center-card" role="alert" data-testid="kicked">
          <h1>{t("player.kickedTitle")}</h1>
          <p>{t("player.kicked")}</p>
          <Link href="/" className="button">
            {t("backHome")}
          </Link>
        </div>
      </main>
    );
  }

  if (player.status !== "playing" || !room || !me) {
    return (
      <main className="player-screen" data-testid="player-screen" data-phase={player.status}>
        {player.status === "join" ? (
          <div className="narrow">
            <h1>{t("player.joinRoom", { code })}</h1>
            <ErrorMessage code={player.error} />
            <JoinForm initialCode={code} fixedCode onJoined={player.adopt} autoFocus />
          </div>
        ) : (
          <div className="card center-card">
            <p className="loading" role="status">
              {t("connecting")}
            </p>
            {player.error && (
              <>
                <ErrorMessage code={player.error} />
                <button type="button" className="button" onClick={player.retry}>
                  {t("retry")}
                </button>
              </>
            )}
          </div>
        )}
      </main>
    );
  }

  const question = room.question;
  const coding = room.phase === "question" && question?.type === "coding";
  return (
    <main
      className={`player-screen player-phase-${room.phase}${coding ? " player-coding" : ""}`}
      data-testid="player-screen"
      data-phase={room.phase}
    >
      {!player.connected && (
        <p className="banner banner-warning" role="status">
          {t("reconnecting")}
        </p>
      )}
      <StatusBar room={room} me={me} />
      <ErrorMessage code={player.error} />
      <TeamPicker
        room={room}
        me={me}
        busy={player.picking}
        onPick={(team) => void player.pickTeam(team)}
      />

      {room.phase === "lobby" && (
        <div className="card center-card player-waiting">
          <p className="big-emoji" aria-hidden="true">
            ✔
          </p>
          <h1>{t("player.youreIn")}</h1>
          <p>{t("player.waitForStart")}</p>
          <p className="muted">{t("player.playersInRoom", { n: room.playerCount })}</p>
        </div>
      )}

      {room.phase === "question" && question && (
        <div className="player-question">
          {/* Time first: with a code listing the question can be taller than the screen. */}
          <div className="player-question-head">
            {/* A coding round lasts minutes: the lab shows its clock as m:ss instead. */}
            {room.questionDeadline !== null && question.type !== "coding" && (
              <Countdown
                deadline={room.questionDeadline}
                limitSec={question.timeLimitSec}
                size="small"
              />
            )}
            <QuestionView question={question} compact />
          </div>
          {question.type === "coding" && <CodingScoringStatus board={room.coding} />}
          {question.type === "coding" ? (
            <CodingLab
              key={question.index}
              code={room.code}
              question={question}
              me={me}
              deadline={room.questionDeadline}
              afterSubmit={
                <CodingFinishRound
                  room={room}
                  closing={player.closing}
                  onClose={player.closeRound}
                />
              }
            />
          ) : player.answered ? (
            <div
              className="card center-card answer-received"
              data-testid="answer-received"
              role="status"
            >
              <p className="big-emoji" aria-hidden="true">
                ✉
              </p>
              <h2>{t("player.answerReceived")}</h2>
              <p className="muted">{t("player.waitForOthers")}</p>
            </div>
          ) : isChoiceQuestion(question) ? (
            <AnswerButtons
              key={question.index}
              question={question}
              disabled={player.submitting}
              onAnswer={(answer) => void player.submit(answer)}
            />
          ) : isFormQuestion(question) ? (
            <AnswerForm
              key={question.index}
              question={question}
              disabled={player.submitting}
              onAnswer={(answer) => void player.submit(answer)}
            />
          ) : (
            // A round this screen has no controls for.
            <p className="card center-card">{t("player.watchHost")}</p>
          )}
        </div>
      )}

      {room.phase === "reveal" && question && (
        <div className="player-reveal">
          <MyResult me={me} questionIndex={question.index} streakBonusOn={room.streakBonus} />
          {question.type === "coding" && room.coding && (
            <CodingMyResult board={room.coding} playerId={me.playerId} />
          )}
          {room.reveal && (
            <div className="card">
              <RevealAnswer question={question} revealKey={room.reveal.key} />
              {me.lastResult?.questionIndex === question.index && me.lastResult.answer && (
                <YourAnswer question={question} answer={me.lastResult.answer} />
              )}
              <p className="explanation">{tx(room.reveal.explanation)}</p>
            </div>
          )}
        </div>
      )}

      {room.phase === "leaderboard" && (
        <div className="player-leaderboard">
          <p className="my-place" role="status">
            {t("player.yourPlace", { rank: me.rank, total: room.playerCount })}
          </p>
          <Leaderboard entries={room.leaderboard} meId={me.playerId} />
          {room.teams && <TeamStandings entries={room.teams.standings} myTeam={me.team} />}
        </div>
      )}

      {room.phase === "podium" && (
        <div className="player-podium">
          {room.teams && <TeamPodium entries={room.teams.podium} myTeam={me.team} />}
          {/* In a team game the teams' result comes first; the players' podium follows. */}
          <Podium entries={room.podium} meId={me.playerId} />
          <p className="my-place" role="status">
            {t("player.finalPlace", { rank: me.rank, total: room.playerCount, score: me.score })}
          </p>
          <p className="button-row center">
            <Link href={`/results/${room.code}`} className="button">
              {t("host.fullResults")}
            </Link>
            <Link href="/" className="button button-ghost">
              {t("player.playAgain")}
            </Link>
          </p>
        </div>
      )}
    </main>
  );
}
