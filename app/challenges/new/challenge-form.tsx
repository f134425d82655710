"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { ChallengeView } from "@/lib/contract/challenges";
import type { ErrorCode } from "@/lib/contract/errors";
import {
  CodingRoundFields,
  codingRoundErrors,
  codingRoundValues,
  type CodingRoundDraft,
} from "../../components/coding-round-fields";
import { ErrorMessage } from "../../components/error-message";
import { useSetQuestions } from "../../hooks/use-set-questions";
import { useI18n } from "../../lib/i18n";
import { eventApi } from "../../events/event-api";

const DAY = 24 * 60 * 60 * 1000;
/** A datetime-local input's value for a moment, in the browser's own time zone. */
const localInput = (ms: number) =>
  new Date(ms - new Date(ms).getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

/** The form's own inputs, by the request field a refusal names (`fields` of INVALID_PAYLOAD). */
const FIELD_OF: Record<string, string> = {
  title: "title",
  "selection.pick.count": "count",
  timePerQuestionSec: "seconds",
  opensAt: "opens",
  deadline: "deadline",
};

/**
 * A small form: title, how many questions (all, or N at random, drawn once now so every player
 * gets the same ones), seconds per question, the window, and coding rounds (the room set-up's
 * own fields). A challenge always draws from its sets: the API requires a question selection.
 * The server's schema decides, and the fields it refuses are marked where they are; on success
 * the share link is shown.
 */
export function ChallengeForm({ setIds, eventId }: { setIds: string[]; eventId: string | null }) {
  const { t } = useI18n();
  const id = useId();
  const [title, setTitle] = useState("");
  const [count, setCount] = useState("");
  const [seconds, setSeconds] = useState("20");
  const [opensAt, setOpensAt] = useState(() => localInput(Date.now()));
  const [deadline, setDeadline] = useState(() => localInput(Date.now() + 7 * DAY));
  const [codingRounds, setCodingRounds] = useState<CodingRoundDraft[]>([]);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [refused, setRefused] = useState<readonly string[]>([]);
  const form = useRef<HTMLFormElement>(null);
  // A refusal moves focus to the first field it names, where its message is read out.
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refused]);
  const [created, setCreated] = useState<ChallengeView | null>(null);
  const [busy, setBusy] = useState(false);
  // Only to place a coding round: how many questions the challenge will have.
  const { questions } = useSetQuestions(setIds);
  const planned = count.trim() === "" ? questions.length : Math.max(0, Math.floor(Number(count)));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setRefused([]);
    const n = Number(count);
    const result = await eventApi<ChallengeView>("/api/challenges", {
      method: "POST",
      body: {
        title,
        selection: {
          setIds,
          ...(count.trim() === "" ? {} : { pick: { mode: "random", count: n } }),
        },
        // Unchecked here: the API's schema is the one rule, and it names what it refuses.
        codingRounds: codingRoundValues(codingRounds),
        timePerQuestionSec: Number(seconds),
        // A cleared date is sent empty, and refused as that field.
        opensAt: opensAt ? new Date(opensAt).toISOString() : "",
        deadline: deadline ? new Date(deadline).toISOString() : "",
        ...(eventId ? { eventId } : {}),
      },
    });
    setBusy(false);
    if (result.ok) setCreated(result.data);
    else {
      setError(result.error);
      setRefused(result.fields ?? []);
    }
  }

  const invalid = new Set(refused.flatMap((path) => FIELD_OF[path] ?? []));
  /** aria-invalid and the error's id on a refused input; its message goes under it. */
  const marked = (field: string) =>
    invalid.has(field)
      ? { "aria-invalid": true as const, "aria-describedby": `${id}-${field}-error` }
      : {};
  const fieldError = (field: string) =>
    invalid.has(field) ? (
      <span
        id={`${id}-${field}-error`}
        className="field-error"
        data-testid={`field-error-${field}`}
      >
        {t("challenge.fieldInvalid")}
      </span>
    ) : null;

  if (setIds.length === 0) {
    return (
      <main className="narrow events-page">
        <h1>{t("challenge.newTitle")}</h1>
        <p>
          {t("challenge.pickSet")} <Link href="/sets">{t("challenge.toSets")}</Link>
        </p>
      </main>
    );
  }

  if (created) {
    const link = `${window.location.origin}/challenges/${created.id}`;
    return (
      <main className="narrow events-page" data-testid="challenge-created">
        <h1>{created.title}</h1>
        <p>{t("challenge.created", { n: created.questionCount })}</p>
        {created.codingRoundCount > 0 && (
          <p data-testid="challenge-created-coding">
            {t("challenge.codingRounds", { n: created.codingRoundCount })}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-link`}>{t("challenge.shareLink")}</label>
          <input id={`${id}-link`} readOnly value={link} data-testid="challenge-link" />
        </div>
        <p>
          <Link href={`/challenges/${created.id}`}>{t("challenge.open")}</Link>
        </p>
      </main>
    );
  }

  return (
    <main className="narrow challenge-new events-page">
      <h1>{t("challenge.newTitle")}</h1>
      <p className="field-hint">{t("challenge.newHint")}</p>
      <form
        ref={form}
        className="card event-form"
        onSubmit={(e) => void submit(e)}
        data-testid="challenge-form"
        noValidate
      >
        <div className="field">
          <label htmlFor={`${id}-title`}>{t("challenge.titleField")}</label>
          <input
            id={`${id}-title`}
            value={title}
            maxLength={120}
            required
            onChange={(e) => setTitle(e.target.value)}
            {...marked("title")}
          />
          {fieldError("title")}
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-count`}>{t("challenge.countField")}</label>
            <input
              id={`${id}-count`}
              type="number"
              min={1}
              max={200}
              value={count}
              placeholder={t("challenge.countAll")}
              onChange={(e) => setCount(e.target.value)}
              {...marked("count")}
            />
            {fieldError("count")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-seconds`}>{t("challenge.timePerQuestion")}</label>
            <input
              id={`${id}-seconds`}
              type="number"
              min={5}
              max={240}
              required
              value={seconds}
              onChange={(e) => setSeconds(e.target.value)}
              {...marked("seconds")}
            />
            {fieldError("seconds")}
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-opens`}>{t("challenge.opens")}</label>
            <input
              id={`${id}-opens`}
              type="datetime-local"
              required
              value={opensAt}
              onChange={(e) => setOpensAt(e.target.value)}
              {...marked("opens")}
            />
            {fieldError("opens")}
          </div>
          <div className="field">
            <label htmlFor={`${id}-deadline`}>{t("challenge.deadline")}</label>
            <input
              id={`${id}-deadline`}
              type="datetime-local"
              required
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
              {...marked("deadline")}
            />
            {fieldError("deadline")}
          </div>
        </div>
        <CodingRoundFields
          rounds={codingRounds}
          onChange={setCodingRounds}
          questionCount={planned}
          errors={codingRoundErrors(refused)}
        />
        <ErrorMessage code={error} />
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("challenge.create")}
        </button>
      </form>
    </main>
  );
}
