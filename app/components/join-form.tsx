"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { EVENTS, type PlayerSession } from "@/lib/contract/events";
import type { ErrorCode } from "@/lib/contract/errors";
// The zod-free rules (schemas.ts applies the same ones on the server): no validator in the page.
import { parseRoomCode, ROOM_CODE_LENGTH } from "@/lib/contract/room-code";
import { NICKNAME_MAX, normaliseNickname } from "@/lib/game/nickname-format";
import { useHydrated } from "../hooks/use-hydrated";
import { useI18n } from "../lib/i18n";
import { candidateTokens } from "../lib/candidate-session";
import { handOffSession, saveToken } from "../lib/player-session";
import { request } from "../lib/socket";
import { ErrorMessage } from "./error-message";

interface JoinFormProps {
  initialCode?: string;
  /** Hide the code field (the player screen already knows the room). */
  fixedCode?: boolean;
  /** Called instead of navigating to /play/CODE (used by the player screen itself). */
  onJoined?: (session: PlayerSession) => void;
  autoFocus?: boolean;
}

/**
 * Room code + nickname. Joins right here, so a taken nickname or an unknown room is reported on
 * the form rather than after a page change; the session is then handed to the player screen.
 */
export function JoinForm({
  initialCode = "",
  fixedCode = false,
  onJoined,
  autoFocus = false,
}: JoinFormProps) {
  const { t } = useI18n();
  const router = useRouter();
  const [code, setCode] = useState(initialCode.toUpperCase());
  const [nickname, setNickname] = useState("");
  const [error, setError] = useState<ErrorCode | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const roomCode = parseRoomCode(code);
    if (!roomCode) return setError("ROOM_NOT_FOUND");
    const name = normaliseNickname(nickname);
    if (!name.ok) return setError(name.error);

    setPending(true);
    setError(null);
    let result = await request(EVENTS.roomJoin, { code: roomCode, nickname: name.nickname });
    // A room under an event seats its candidates: try the registrations this browser holds.
    for (const candidateToken of result.ok || result.error !== "NOT_A_CANDIDATE"
      ? []
      : candidateTokens()) {
      result = await request(EVENTS.roomJoin, {
        code: roomCode,
        nickname: name.nickname,
        candidateToken,
      });
      if (result.ok || result.error !== "NOT_A_CANDIDATE") break;
    }
    if (!result.ok) {
      setPending(false);
      return setError(result.error);
    }
    saveToken(roomCode, result.data.token);
    if (onJoined) {
      setPending(false);
      onJoined(result.data);
    } else {
      handOffSession(result.data);
      router.push(`/play/${roomCode}`);
    }
  };

  return (
    <form className="join-form card" onSubmit={(event) => void submit(event)} noValidate>
      {fixedCode ? (
        // The page heading already names the room; a hidden, focusable field would only confuse.
        <input type="hidden" name="code" value={code} />
      ) : (
        <label className="field">
          <span>{t("roomCode")}</span>
          <input
            name="code"
            className="input-code"
            value={code}
            onChange={(event) => setCode(event.target.value.toUpperCase().replace(/\s/g, ""))}
            maxLength={ROOM_CODE_LENGTH}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            placeholder="ABC234"
            required
            autoFocus={autoFocus && !initialCode}
          />
        </label>
      )}
      <label className="field">
        <span>{t("nickname")}</span>
        <input
          name="nickname"
          value={nickname}
          onChange={(event) => setNickname(event.target.value)}
          maxLength={NICKNAME_MAX}
          autoComplete="nickname"
          enterKeyHint="go"
          required
          autoFocus={autoFocus && Boolean(initialCode)}
        />
      </label>
      <ErrorMessage code={error} />
      <button
        type="submit"
        className="button button-primary button-block button-large"
        data-testid="join-submit"
        disabled={pending || !hydrated}
      >
        {pending ? t("joining") : t("join")}
      </button>
    </form>
  );
}
