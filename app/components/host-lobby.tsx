"use client";

import type { LobbyView, RoomView } from "@/lib/contract/views";
import { useI18n } from "../lib/i18n";
import { PlayerTeamSelect, TeamSetup, teamPillProps, type TeamActions } from "./host-teams";
import { QrCode } from "./qr-code";

interface HostLobbyProps {
  room: RoomView;
  lobby: LobbyView | null;
  /** Origin phones use to reach the server (PUBLIC_URL), else this page's origin. */
  publicUrl: string | null;
  busy: boolean;
  onStart: () => void;
  onLock: (locked: boolean) => void;
  onKick: (playerId: string) => void;
  /** Hide (true) or show again a nickname: offensive names usually show up right here. */
  onMute: (playerId: string, muted: boolean) => void;
  /** Team mode's set-up (host-teams.tsx). */
  teamActions: TeamActions;
}

export function HostLobby({
  room,
  lobby,
  publicUrl,
  busy,
  onStart,
  onLock,
  onKick,
  onMute,
  teamActions,
}: HostLobbyProps) {
  const { t, tn } = useI18n();
  // Only rendered on the client (the room arrives over the socket), so window is available.
  const origin = (publicUrl ?? window.location.origin).replace(/\/$/, "");
  const joinUrl = `${origin}/play?code=${room.code}`;
  const players = lobby?.players ?? [];
  const count = lobby?.count ?? room.playerCount;

  return (
    <div className="host-lobby">
      <section className="lobby-join card" aria-labelledby="join-title">
        <h1 id="join-title" className="lobby-instructions">
          {t("lobby.goTo")}{" "}
          <strong className="lobby-url">{origin.replace(/^https?:\/\//, "")}/play</strong>
        </h1>
        <p className="lobby-code-label">{t("roomCode")}</p>
        <p className="room-code" data-testid="room-code" aria-live="off">
          {room.code}
        </p>
        <QrCode value={joinUrl} label={t("lobby.qrLabel", { url: joinUrl })} />
        {room.locked && (
          <p className="lobby-locked" role="status">
            {t("lobby.lockedNotice")}
          </p>
        )}
      </section>

      <section className="lobby-players card" aria-labelledby="players-title">
        <div className="lobby-players-header">
          <h2 id="players-title">
            {t("lobby.players")}{" "}
            <span className="badge" aria-live="polite">
              {count}
            </span>
          </h2>
          <div className="button-row">
            <button
              type="button"
              className="button"
              data-testid="host-lock"
              aria-pressed={room.locked}
              disabled={busy}
              onClick={() => onLock(!room.locked)}
            >
              {room.locked ? t("lobby.unlock") : t("lobby.lock")}
            </button>
            <button
              type="button"
              className="button button-primary button-large"
              data-testid="host-start"
              disabled={busy}
              onClick={onStart}
            >
              {t("lobby.start")}
            </button>
          </div>
        </div>
        <TeamSetup teams={room.teams} busy={busy} actions={teamActions} />
        {players.length === 0 ? <p className="muted lobby-waiting">{t("lobby.waiting")}</p> : null}
        <ul className="lobby-list" data-testid="lobby-players">
          {players.map((player) => (
            <li
              key={player.playerId}
              className={`lobby-player${player.connected ? "" : " lobby-player-offline"}`}
              data-testid="lobby-player"
              {...teamPillProps(room.teams, player)}
            >
              <span className="lobby-player-name">{tn(player)}</span>
              <PlayerTeamSelect teams={room.teams} player={player} onAssign={teamActions.assign} />
              {!player.connected && (
                // Spelled out, not only faded: the host must see who dropped (and may come back).
                <span className="lobby-player-status" data-testid="lobby-player-offline">
                  {t("lobby.offline")}
                </span>
              )}
              <button
                type="button"
                className="button button-ghost lobby-mute"
                data-testid="host-mute"
                aria-pressed={player.hiddenAs !== undefined}
                aria-label={t(
                  player.hiddenAs === undefined ? "host.muteLabel" : "host.unmuteLabel",
                  { name: tn(player) },
                )}
                onClick={() => onMute(player.playerId, player.hiddenAs === undefined)}
              >
                {t(player.hiddenAs === undefined ? "host.mute" : "host.unmute")}
              </button>
              <button
                type="button"
                className="button button-icon button-ghost"
                data-testid="host-kick"
                aria-label={t("lobby.kick", { name: tn(player) })}
                title={t("lobby.kick", { name: tn(player) })}
                onClick={() => onKick(player.playerId)}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        {count > players.length && (
          <p className="muted">{t("lobby.more", { n: count - players.length })}</p>
        )}
      </section>
    </div>
  );
}
