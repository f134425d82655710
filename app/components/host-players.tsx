"use client";

import { useState } from "react";
import type { LobbyView, TeamsView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { PlayerTeamSelect } from "./host-teams";

/**
 * The in-game player list behind a disclosure in the host's control bar (the stage must still fit
 * a 1280x720 projector): hide a nickname, or remove a player after a confirm step. Native
 * details/summary and buttons, so it all works from the keyboard.
 */
export function HostPlayers({
  lobby,
  onKick,
  onMute,
  teams,
  onAssignTeam,
}: {
  lobby: LobbyView | null;
  onKick: (playerId: string) => void;
  onMute: (playerId: string, muted: boolean) => void;
  /** Team mode: each row gets a team select (changes between questions only). */
  teams?: TeamsView;
  onAssignTeam?: (playerId: string, team: number) => void;
}) {
  const { t, tn } = useI18n();
  const [confirming, setConfirming] = useState<string | null>(null);
  const players = lobby?.players ?? [];
  return (
    <details className="host-players" data-testid="host-players">
      <summary className="button button-ghost">
        {t("host.players")} <span className="badge">{lobby?.count ?? players.length}</span>
      </summary>
      <ul className="host-players-list">
        {players.map((player) => {
          const name = tn(player);
          const hidden = player.hiddenAs !== undefined;
          return (
            <li key={player.playerId} className="host-players-row" data-testid="host-player">
              <span className="lobby-player-name">
                {name}
                {hidden && <span className="muted"> {t("host.hiddenShown")}</span>}
                {!player.connected && <span className="muted"> {t("lobby.offline")}</span>}
              </span>
              {onAssignTeam && (
                <PlayerTeamSelect teams={teams} player={player} onAssign={onAssignTeam} />
              )}
              {confirming === player.playerId ? (
                <span className="host-players-confirm" role="group" aria-label={name}>
                  <span>{t("host.kickConfirm", { name })}</span>
                  <button
                    type="button"
                    className="button button-primary"
                    data-testid="host-kick-confirm"
                    // Focus moves here, so a keyboard user lands on the choice just offered.
                    autoFocus
                    onClick={() => {
                      setConfirming(null);
                      onKick(player.playerId);
                    }}
                  >
                    {t("host.kickYes")}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirming(null)}>
                    {t("host.kickNo")}
                  </button>
                </span>
              ) : (
                <span className="button-row">
                  <button
                    type="button"
                    className="button"
                    data-testid="host-mute"
                    aria-pressed={hidden}
                    aria-label={t(hidden ? "host.unmuteLabel" : "host.muteLabel", { name })}
                    onClick={() => onMute(player.playerId, !hidden)}
                  >
                    {t(hidden ? "host.unmute" : "host.mute")}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-testid="host-kick"
                    aria-label={t("lobby.kick", { name })}
                    onClick={() => setConfirming(player.playerId)}
                  >
                    {t("host.kickYes")}
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
