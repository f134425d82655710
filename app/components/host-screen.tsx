"use client";

import Link from "next/link";
import { useEffect } from "react";
import type { ProgressView, RoomView } from "@/lib/contract/views";
import { useHostRoom } from "../hooks/use-host-room";
import { useI18n } from "../lib/i18n";
import { ErrorMessage } from "./error-message";
import { CodingHostStage } from "./coding-host-stage";
import { HostLobby } from "./host-lobby";
import { HostPlayers } from "./host-players";
import { HostQuizStage } from "./host-quiz-stage";
import { LanguageSwitch } from "./language-switch";
import { Leaderboard } from "./leaderboard";
import { Podium } from "./podium";
import { TeamPodium, TeamStandings, TopPlayers } from "./team-standings";
import "../host-live.css";

/** The newer of the snapshot's count and the last tick, for the question on screen. */
function answeredCount(room: RoomView, tick: ProgressView | null): ProgressView | null {
  const current = (p: ProgressView | null) =>
    p && p.questionIndex === room.question?.index ? p : null;
  const snapshot = current(room.progress);
  const live = current(tick);
  if (!snapshot) return live;
  return live && live.sentAt > snapshot.sentAt ? live : snapshot;
}

export function HostScreen({ code, publicUrl }: { code: string; publicUrl: string | null }) {
  const { t } = useI18n();
  const host = useHostRoom(code);
  const { room } = host;

  // Presenter clickers send PageDown / ArrowRight: let them advance the game.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!room || room.phase === "lobby" || room.phase === "podium") return;
      if (room.coding?.draining) return;
      if (
        event.target instanceof HTMLElement &&
        event.target.closest("input, select, textarea, button, summary")
      )
        return;
      if (event.key === "PageDown" || event.key === "ArrowRight") {
        event.preventDefault();
        void host.next();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [room, host]);

  if (!room) {
    return (
      <main className="host-screen" data-testid="host-screen" data-phase="connecting">
        {host.status === "failed" ? (
          <div className="card center-card">
            <ErrorMessage code={host.error} />
            <div className="button-row">
              <button type="button" className="button" onClick={host.retry}>
                {t("retry")}
              </button>
              <Link href="/host" className="button button-ghost">
                {t("host.newRoom")}
              </Link>
            </div>
          </div>
        ) : (
          <p className="loading" role="status">
            {t("connecting")}
          </p>
        )}
      </main>
    );
  }

  const question = room.question;
  const isLast = question ? question.index + 1 >= question.total : false;
  const nextLabel =
    room.phase === "question"
      ? question?.type === "coding"
        ? t("codingHost.close")
        : t("host.closeQuestion")
      : room.phase === "reveal"
        ? t("host.showLeaderboard")
        : isLast
          ? t("host.showPodium")
          : t("host.nextQuestion");
  const counts = answeredCount(room, host.progress);
  // A closed coding round is still scoring acknowledged models: "next" would do nothing until the
  // last verdict closes it (the banner says so); "end" stays, the podium then waits for them.
  const scoring = room.coding?.draining === true;
  const live = room.phase !== "lobby" && room.phase !== "podium";

  return (
    <main
      // The game's phases fill the projector exactly (host-live.css): no page scroll, no site
      // header. The lobby and the podium keep the header (sign out, language, new room).
      className={`host-screen host-phase-${room.phase}${live ? " host-live" : ""}`}
      data-testid="host-screen"
      data-phase={room.phase}
    >
      {!host.connected && (
        <p className="banner banner-warning" role="status">
          {t("reconnecting")}
        </p>
      )}
      <ErrorMessage code={host.error} />

      {room.phase === "lobby" && (
        <HostLobby
          room={room}
          lobby={host.lobby}
          publicUrl={publicUrl}
          busy={host.busy}
          onStart={() => void host.start()}
          onLock={(locked) => void host.setLocked(locked)}
          onKick={(playerId) => void host.kick(playerId)}
          onMute={(playerId, muted) => void host.mute(playerId, muted)}
          teamActions={{
            configure: (mode, count, names) => void host.configureTeams(mode, count, names),
            shuffle: () => void host.shuffleTeams(),
            assign: (playerId, team) => void host.assignTeam(playerId, team),
          }}
        />
      )}

      {question?.type === "coding" && (room.phase === "question" || room.phase === "reveal") && (
        <CodingHostStage room={room} question={question} />
      )}

      {question &&
        question.type !== "coding" &&
        (room.phase === "question" || room.phase === "reveal") && (
          <HostQuizStage
            room={room}
            question={question}
            progress={counts}
            offline={host.lobby?.offline ?? []}
          />
        )}

      {room.phase === "leaderboard" && (
        <div className="host-stage host-leaderboard">
          {question && (
            <p className="question-meta">
              {t("questionOf", { n: question.index + 1, total: question.total })}
            </p>
          )}
          {room.teams ? (
            <div className="host-leaderboard-teams">
              <Leaderboard entries={room.leaderboard} />
              <TeamStandings entries={room.teams.standings} />
            </div>
          ) : (
            <Leaderboard entries={room.leaderboard} />
          )}
        </div>
      )}

      {room.phase === "podium" && (
        <div className="host-stage host-podium">
          {room.teams ? (
            <div className="host-podium-teams">
              <TeamPodium entries={room.teams.podium} />
              <TopPlayers entries={room.podium} />
            </div>
          ) : (
            <Podium entries={room.podium} />
          )}
          <p className="button-row center">
            <Link
              href={`/results/${room.code}`}
              className="button button-primary button-large"
              data-testid="results-link"
            >
              {t("host.fullResults")}
            </Link>
            <Link href="/host" className="button button-ghost">
              {t("host.newRoom")}
            </Link>
          </p>
        </div>
      )}

      {live && (
        <nav className="host-controls" aria-label={t("host.controls")} data-testid="host-controls">
          <HostPlayers
            lobby={host.lobby}
            teams={room.teams}
            // Between questions only: mid-question the server refuses (TEAM_CHANGE_MID_QUESTION).
            onAssignTeam={(playerId, team) => void host.assignTeam(playerId, team)}
            onKick={(playerId) => void host.kick(playerId)}
            onMute={(playerId, muted) => void host.mute(playerId, muted)}
          />
          {/* The site header (and its switch) is hidden on the projector during the game. */}
          <LanguageSwitch />
          <button
            type="button"
            className="button button-ghost"
            data-testid="host-end"
            disabled={host.busy}
            onClick={() => void host.end()}
          >
            {t("host.end")}
          </button>
          <button
            type="button"
            className="button button-primary button-large"
            data-testid="host-next"
            disabled={host.busy || scoring}
            onClick={() => void host.next()}
            aria-keyshortcuts="ArrowRight PageDown"
          >
            {nextLabel} <span aria-hidden="true">→</span>
          </button>
        </nav>
      )}
    </main>
  );
}
