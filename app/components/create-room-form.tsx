"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { EVENTS } from "@/lib/contract/events";
import type { ErrorCode } from "@/lib/contract/errors";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { useHydrated } from "../hooks/use-hydrated";
import { useI18n } from "../lib/i18n";
import { request } from "../lib/socket";
import { CodingRoundFields, parseCodingRounds, type CodingRoundDraft } from "./coding-round-fields";
import { ErrorMessage } from "./error-message";

/** The serialisable part of a question set summary that the form needs. */
export interface QuestionSetOption {
  slug: string;
  title: { zh: string; en: string };
  description: { zh: string; en: string };
  questionCount: number;
}

const DEFAULTS = RoomSettingsSchema.parse({});

export function CreateRoomForm({ sets }: { sets: QuestionSetOption[] }) {
  const { t, tx } = useI18n();
  const router = useRouter();
  const [slug, setSlug] = useState(sets[0]?.slug ?? "");
  const selected = sets.find((s) => s.slug === slug);
  const [questionCount, setQuestionCount] = useState(
    String(Math.min(10, sets[0]?.questionCount ?? 10)),
  );
  const [scoring, setScoring] = useState(DEFAULTS.scoring);
  const [streakBonus, setStreakBonus] = useState(DEFAULTS.streakBonus);
  const [timeLimit, setTimeLimit] = useState(String(DEFAULTS.defaultTimeLimitSec));
  const [codingRounds, setCodingRounds] = useState<CodingRoundDraft[]>([]);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const max = selected?.questionCount ?? 200;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const settings = RoomSettingsSchema.safeParse({
      scoring,
      streakBonus,
      defaultTimeLimitSec: Number(timeLimit),
      questionCount: Math.min(Number(questionCount), max),
    });
    const rounds = parseCodingRounds(codingRounds);
    // Zero quiz questions only makes sense when the room is all coding rounds.
    const empty =
      settings.success && settings.data.questionCount === 0 && codingRounds.length === 0;
    if (!settings.success || !selected || !rounds || empty) return setError("INVALID_PAYLOAD");
    setPending(true);
    setError(null);
    const result = await request(EVENTS.roomCreate, {
      questionSetSlug: slug,
      settings: settings.data,
      codingRounds: rounds,
    });
    if (!result.ok) {
      setPending(false);
      return setError(result.error);
    }
    router.push(`/host/${result.data.code}`);
  };

  if (sets.length === 0) return <p className="card">{t("noQuestionSets")}</p>;

  return (
    <form className="card create-room-form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field">
        <span>{t("questionSet")}</span>
        <select
          name="questionSet"
          value={slug}
          onChange={(event) => {
            setSlug(event.target.value);
            const next = sets.find((s) => s.slug === event.target.value);
            if (next)
              setQuestionCount(String(Math.min(Number(questionCount) || 10, next.questionCount)));
          }}
        >
          {sets.map((set) => (
            <option key={set.slug} value={set.slug}>
              {tx(set.title)} ({t("nQuestions", { n: set.questionCount })})
            </option>
          ))}
        </select>
      </label>
      {selected && <p className="muted">{tx(selected.description)}</p>}

      <div className="field-row">
        <label className="field">
          <span>{t("questionCount")}</span>
          <input
            name="questionCount"
            type="number"
            inputMode="numeric"
            min={codingRounds.length > 0 ? 0 : 1}
            max={max}
            value={questionCount}
            onChange={(event) => setQuestionCount(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("timeLimit")}</span>
          <input
            name="defaultTimeLimitSec"
            type="number"
            inputMode="numeric"
            min={5}
            max={240}
            value={timeLimit}
            onChange={(event) => setTimeLimit(event.target.value)}
          />
        </label>
      </div>

      <fieldset className="field">
        <legend>{t("scoring")}</legend>
        {(["speed", "accuracy"] as const).map((mode) => (
          <label key={mode} className="choice">
            <input
              type="radio"
              name="scoring"
              value={mode}
              checked={scoring === mode}
              onChange={() => setScoring(mode)}
            />
            <span>
              <strong>{t(`scoring.${mode}`)}</strong>
              <span className="muted"> — {t(`scoring.${mode}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <label className="choice">
        <input
          type="checkbox"
          name="streakBonus"
          checked={streakBonus}
          onChange={(event) => setStreakBonus(event.target.checked)}
        />
        <span>
          <strong>{t("streakBonus")}</strong>
          <span className="muted"> — {t("streakBonus.hint")}</span>
        </span>
      </label>

      <CodingRoundFields
        rounds={codingRounds}
        onChange={setCodingRounds}
        questionCount={Math.min(Number(questionCount) || 0, max)}
      />

      <ErrorMessage code={error} />
      <button
        type="submit"
        className="button button-primary button-block button-large"
        data-testid="create-room"
        disabled={pending || !hydrated}
      >
        {pending ? t("creating") : t("createRoom")}
      </button>
    </form>
  );
}
