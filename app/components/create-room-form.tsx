"use client";

import { useRouter } from "next/navigation";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import type { CodingRoundSettings } from "@/lib/coding/round";
import { EVENTS } from "@/lib/contract/events";
import type { ErrorCode } from "@/lib/contract/errors";
import { RoomSettingsSchema } from "@/lib/contract/schemas";
import { useHydrated } from "../hooks/use-hydrated";
import { useI18n } from "../lib/i18n";
import { request } from "../lib/socket";
import {
  CodingRoundFields,
  newCodingRound,
  parseCodingRounds,
  type CodingRoundDraft,
} from "./coding-round-fields";
import type { HostEvent } from "./host-setup";
import { ErrorMessage } from "./error-message";
import { QuestionChoiceFields } from "./question-choice-fields";
import { SetChoiceFields } from "./set-choice-fields";
import { useSetQuestions, type SetupSet } from "../hooks/use-set-questions";
import {
  SetupChoicesSchema,
  matchingQuestions,
  plannedCount,
  restoreChoices,
  toRoomSelection,
  type SetupChoices,
} from "@/lib/question-sets/setup-choices";
import "./room-setup.css";

const DEFAULTS = RoomSettingsSchema.parse({});
const storageKey = (userId: string) => `kba-host-setup:${userId}`;

/**
 * The host's setup: sets, filters, picks, shuffles and time limits (QuestionChoiceFields), then
 * scoring and coding rounds. The choices are remembered per user in localStorage: they are a
 * convenience for this browser, not data worth a table and a migration, and the server checks
 * every one of them again (a remembered set that is no longer visible is refused as not found).
 */
export function CreateRoomForm({
  sets: offered,
  userId,
  event: hostEvent = null,
}: {
  sets: SetupSet[];
  userId: string;
  /** A room under this event: its sets, its coding round, and `eventId` in the request. */
  event?: HostEvent | null;
}) {
  const { t } = useI18n();
  const router = useRouter();
  const key = storageKey(userId);
  // What this browser remembered (read after hydration: the server has no localStorage).
  const stored = useSyncExternalStore(
    noSubscription,
    () => readStored(key),
    () => null,
  );
  const [edited, setEdited] = useState<SetupChoices | null>(null);
  const defaultSet = offered.find((s) => s.builtIn) ?? offered[0];
  const remembered = stored ? restoreChoices(stored) : null;
  const base: SetupChoices =
    edited ??
    (hostEvent
      ? { ...SetupChoicesSchema.parse({}), setIds: hostEvent.setIds }
      : remembered && remembered.setIds.length > 0
        ? remembered
        : { ...SetupChoicesSchema.parse({}), setIds: defaultSet ? [defaultSet.id] : [] });
  const { questions, loadedSets, loading, failed } = useSetQuestions(base.setIds);
  // A remembered set that is no longer visible (deleted, made private) is dropped, not an error.
  const choices = { ...base, setIds: base.setIds.filter((id) => !failed.includes(id)) };
  const sets = [...offered, ...loadedSets.filter((l) => !offered.some((s) => s.id === l.id))];
  const [scoring, setScoring] = useState(DEFAULTS.scoring);
  const [streakBonus, setStreakBonus] = useState(DEFAULTS.streakBonus);
  const [timeLimit, setTimeLimit] = useState(String(DEFAULTS.defaultTimeLimitSec));
  const [codingRounds, setCodingRounds] = useState<CodingRoundDraft[]>(() =>
    hostEvent?.coding ? [codingRoundFromEvent(hostEvent.coding)] : [],
  );
  const [error, setError] = useState<ErrorCode | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const patch = (change: Partial<SetupChoices>) => {
    const next = { ...choices, ...change };
    setEdited(next);
    try {
      window.localStorage.setItem(key, JSON.stringify(next));
    } catch {
      // Storage full or disabled (private mode): the form still works, it just forgets.
    }
  };
  const matching = matchingQuestions(questions, choices);
  const topics = [...new Set(questions.map((q) => q.question.topic))];
  const count = plannedCount(choices, matching);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const settings = RoomSettingsSchema.safeParse({
      scoring,
      streakBonus,
      defaultTimeLimitSec: Number(timeLimit),
    });
    // A round placed after more questions than the room plays goes at the end.
    const rounds = parseCodingRounds(codingRounds)?.map((round) => ({
      ...round,
      afterQuestion: Math.min(round.afterQuestion, count),
    }));
    if (!settings.success || !rounds) return setError("INVALID_PAYLOAD");
    if (choices.setIds.length === 0) return setError("QUESTION_SET_NOT_FOUND");
    if (count === 0 && rounds.length === 0) return setError("NO_QUESTIONS");
    setPending(true);
    setError(null);
    const result = await request(EVENTS.roomCreate, {
      ...(hostEvent ? { eventId: hostEvent.id } : {}),
      ...(count === 0
        ? // Coding rounds only: no quiz question is drawn from any set.
          { settings: { ...settings.data, questionCount: 0 }, codingRounds: rounds }
        : {
            selection: toRoomSelection(choices, matching),
            settings: settings.data,
            codingRounds: rounds,
          }),
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
      <SetChoiceFields
        sets={sets}
        chosen={choices.setIds}
        onChange={(setIds) => patch({ setIds })}
      />
      <QuestionChoiceFields
        choices={choices}
        onChange={patch}
        topics={topics}
        matching={matching}
        loading={loading}
      />
      <p className="setup-count" data-testid="setup-will-play">
        {t("setup.willPlay", { n: count })}
      </p>

      <div className="field-row">
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

      <CodingRoundFields rounds={codingRounds} onChange={setCodingRounds} questionCount={count} />

      <p className="muted field-hint">{t("setup.savedHint")}</p>
      <ErrorMessage code={error} />
      <button
        type="submit"
        className="button button-primary button-block button-large"
        data-testid="create-room"
        disabled={pending || !hydrated || loading}
      >
        {pending ? t("creating") : t("createRoom")}
      </button>
    </form>
  );
}

const noSubscription = () => () => {};
function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The event's coding round as the form's draft, placed after the quiz (the host may move it). */
function codingRoundFromEvent(coding: CodingRoundSettings): CodingRoundDraft {
  return {
    ...newCodingRound(200),
    variant: coding.variant,
    durationMin: String(coding.durationSec / 60),
    floorPercent: String(coding.accuracyFloor * 100),
    maxDropPoints: String(coding.maxAccuracyDrop * 100),
    maxSubmissions: String(coding.maxSubmissions),
    trainingBudget: String(coding.trainingBudget),
  };
}
