"use client";

import Link from "next/link";
import { useId, useState } from "react";
import type { QuestionSetView } from "@/lib/contract/question-sets";
import { useI18n } from "../lib/i18n";
import { ImportPanel } from "./import-panel";

/** The viewer's sets and the public ones, filtered as one types (title, description, tags). */
export function SetList({
  signedIn,
  mine,
  others,
}: {
  signedIn: boolean;
  mine: QuestionSetView[];
  others: QuestionSetView[];
}) {
  const { t } = useI18n();
  const searchId = useId();
  const [query, setQuery] = useState("");
  const needle = query.trim().toLowerCase();
  const matches = (set: QuestionSetView) =>
    needle === "" ||
    [set.title.en, set.title.zh, set.description.en, set.description.zh, ...set.tags].some((s) =>
      s?.toLowerCase().includes(needle),
    );
  return (
    <main className="wide sets-page">
      <h1>{t("sets.pageTitle")}</h1>
      <p className="lead">{t("sets.lead")}</p>
      <div className="set-toolbar">
        <div className="field">
          <label htmlFor={searchId}>{t("sets.search")}</label>
          <input
            id={searchId}
            type="search"
            value={query}
            data-testid="set-search"
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
        {signedIn ? (
          <Link href="/sets/new" className="button button-primary" data-testid="new-set">
            {t("sets.new")}
          </Link>
        ) : (
          <Link href="/signin?callbackUrl=/sets" className="button button-primary">
            {t("sets.signInToWrite")}
          </Link>
        )}
      </div>
      {signedIn && (
        <SetSection
          title={t("sets.mine")}
          sets={mine.filter(matches)}
          empty={t("sets.mineEmpty")}
          testId="my-sets"
        />
      )}
      <SetSection
        title={t("sets.public")}
        sets={others.filter(matches)}
        empty={t("sets.noMatch")}
        testId="public-sets"
      />
      {signedIn && <ImportPanel />}
    </main>
  );
}

function SetSection({
  title,
  sets,
  empty,
  testId,
}: {
  title: string;
  sets: QuestionSetView[];
  empty: string;
  testId: string;
}) {
  const { t, locale } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="set-section">
      <h2 id={headingId}>{title}</h2>
      {sets.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="set-cards" data-testid={testId}>
          {sets.map((set) => {
            const other = locale === "zh" ? "en" : "zh";
            return (
              <li key={set.id} className="card set-card">
                <h3>
                  <Link href={`/sets/${set.id}`}>
                    {set.title[locale] ?? set.title[other] ?? t("sets.untitled")}
                  </Link>
                </h3>
                <p className="muted">{set.description[locale] ?? set.description[other] ?? ""}</p>
                <p className="set-card-meta">
                  <span className="badge">{t("sets.count", { n: set.questionCount })}</span>
                  <span className="badge">{t(`sets.language.${set.language}`)}</span>
                  <span className="badge">
                    {set.builtIn ? t("sets.builtIn") : t(`sets.visibility.${set.visibility}`)}
                  </span>
                  {set.tags.map((tag) => (
                    <span key={tag} className="set-tag">
                      #{tag}
                    </span>
                  ))}
                </p>
                <p>
                  <Link href={`/challenges/new?set=${set.id}`} data-testid="set-challenge">
                    {t("challenge.fromSet")}
                  </Link>
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
