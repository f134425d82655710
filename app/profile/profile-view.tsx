"use client";

import { summariseGames, type ProfileData } from "@/lib/accounts/profile";
import type { EnabledProvider } from "@/lib/contract/accounts";
import { useI18n } from "../lib/i18n";
import { ClaimOffer } from "./claim-offer";
import { GameHistory } from "./game-history";
import { BestModels, BoardRanks } from "./profile-tables";
import { NameForm, SignInMethods } from "./profile-identity";
import { PrivacyPanel } from "./privacy-panel";
import { avatarHue, avatarInitials } from "@/lib/accounts/initials";

/** The profile page's client part: every section, from the server's data. */
export function ProfileView(props: { profile: ProfileData; providers: EnabledProvider[] }) {
  const { t } = useI18n();
  const { profile } = props;
  const summary = summariseGames(profile.games);
  const figures: [string, string | number][] = [
    [t("profile.gamesPlayed"), summary.gamesPlayed],
    [t("profile.wins"), summary.wins],
    [t("profile.podiums"), summary.podiums],
    [t("profile.bestRank"), summary.bestRank ?? "–"],
    [t("profile.totalScore"), summary.totalScore],
  ];
  return (
    <>
      <section className="profile-head card" aria-labelledby="profile-title">
        <span
          className="avatar"
          aria-hidden="true"
          style={{ background: `hsl(${avatarHue(profile.id)} 55% 42%)` }}
          data-testid="avatar"
        >
          {avatarInitials(profile.name)}
        </span>
        <div className="profile-who">
          <h1 id="profile-title" data-testid="profile-name">
            {profile.name}
          </h1>
          <p className="muted">
            <span className="badge" data-testid="profile-role">
              {t(`role.${profile.role}`)}
            </span>{" "}
            {t("profile.memberSince", { date: profile.createdAt.slice(0, 10) })}
          </p>
        </div>
      </section>

      <ClaimOffer />

      <section aria-labelledby="stats-title">
        <h2 id="stats-title" className="sr-only">
          {t("profile.stats")}
        </h2>
        <dl className="profile-stats" data-testid="profile-stats">
          {figures.map(([label, value]) => (
            <div key={label} className="card">
              <dt className="muted">{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <GameHistory games={profile.games} />
      <BoardRanks ranks={profile.boardRanks} />
      <BestModels models={profile.bestModels} />

      <section className="card profile-settings" aria-labelledby="identity-title">
        <h2 id="identity-title">{t("profile.nameLabel")}</h2>
        <NameForm name={profile.name} />
        <SignInMethods profile={profile} providers={props.providers} />
      </section>

      <PrivacyPanel email={profile.email} hiddenFromBoards={profile.hiddenFromBoards} />
    </>
  );
}
