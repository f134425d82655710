"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { ClaimableGame } from "@/lib/contract/accounts";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../components/error-message";
import { useI18n } from "../lib/i18n";
import { forgetClaims, loadClaims, type StoredClaim } from "../lib/player-session";
import { callApi } from "./account-api";

/**
 * "Claim N past games": the guest claims this device holds (app/lib/player-session.ts), checked
 * by the server first (dryRun), then claimed all at once. Claims the server says already belong
 * to an account, or that no longer verify, are forgotten so they are not offered again.
 */
export function ClaimOffer() {
  const { t } = useI18n();
  const router = useRouter();
  const [claimable, setClaimable] = useState<{ games: ClaimableGame[]; held: StoredClaim[] }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [done, setDone] = useState<number | null>(null);

  useEffect(() => {
    const held = loadClaims();
    if (held.length === 0) return;
    const claims = held.map(({ playerId, token }) => ({ playerId, token }));
    void callApi<{ claimable: ClaimableGame[]; taken: string[] }>("/api/account/claims", "POST", {
      claims,
      dryRun: true,
    }).then((result) => {
      if (!result.ok) return;
      const open = new Set(result.data.claimable.map((g) => g.playerId));
      // Taken, forged or expired: nothing this account can ever do with them.
      forgetClaims(held.filter((c) => !open.has(c.playerId)).map((c) => c.playerId));
      setClaimable({
        games: result.data.claimable,
        held: held.filter((c) => open.has(c.playerId)),
      });
    });
  }, []);

  if (done !== null)
    return (
      <p className="banner" role="status" data-testid="claims-done">
        {t("claims.done", { n: done })}
      </p>
    );
  if (!claimable || claimable.games.length === 0) return null;
  const n = claimable.games.length;

  const claim = async () => {
    setPending(true);
    setError(null);
    const claims = claimable.held.map(({ playerId, token }) => ({ playerId, token }));
    const result = await callApi<{ claimed: number }>("/api/account/claims", "POST", { claims });
    setPending(false);
    if (!result.ok) return setError(result.error);
    forgetClaims(claimable.held.map((c) => c.playerId));
    setDone(result.data.claimed);
    router.refresh();
  };

  return (
    <section className="card claim-offer" aria-labelledby="claims-title" data-testid="claim-offer">
      <h2 id="claims-title">{t("claims.title")}</h2>
      <p>{t("claims.offer", { n })}</p>
      <ul className="claim-list">
        {claimable.games.map((g) => (
          <li key={g.playerId}>
            {g.roomCode} · {g.nickname}
            {g.score !== null ? ` · ${g.score}` : ""}
          </li>
        ))}
      </ul>
      <p className="muted">{t("claims.hint")}</p>
      <ErrorMessage code={error} />
      <button
        type="button"
        className="button button-primary"
        disabled={pending}
        onClick={() => void claim()}
        data-testid="claim-button"
      >
        {pending ? t("claims.claiming") : t("claims.claim", { n })}
      </button>
    </section>
  );
}
