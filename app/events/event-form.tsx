"use client";

import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { CODING_VARIANTS, CodingRoundSettingsSchema } from "@/lib/coding/round";
import type { EventView } from "@/lib/contract/event-api";
import type { ErrorCode } from "@/lib/contract/errors";
import { CANDIDATE_IDENTITIES, CANDIDATE_VIEWS } from "@/lib/events/schema";
import { ErrorMessage } from "../components/error-message";
import { useI18n } from "../lib/i18n";
import { eventApi } from "./event-api";

export interface SetOption {
  id: string;
  title: { zh?: string; en?: string };
  questionCount: number;
}

const HOUR = 60 * 60 * 1000;
/** A datetime-local input's value for a moment, in the browser's own time zone. */
const localInput = (ms: number) => {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/**
 * A new event: its name, window, the identity candidates give, what they see afterwards, its
 * terms, its question sets and an optional coding round. The server's schema (lib/events) decides;
 * its refusals are shown next to the field they name.
 */
export function EventForm({ sets }: { sets: SetOption[] }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [startsAt, setStartsAt] = useState(() => localInput(Date.now()));
  const [endsAt, setEndsAt] = useState(() => localInput(Date.now() + 7 * 24 * HOUR));
  const [identity, setIdentity] = useState<(typeof CANDIDATE_IDENTITIES)[number]>("NAME_EMAIL");
  const [afterwards, setAfterwards] = useState<(typeof CANDIDATE_VIEWS)[number]>("OWN_RESULTS");
  const [terms, setTerms] = useState("");
  const [setIds, setSetIds] = useState<string[]>([]);
  const [coding, setCoding] = useState(false);
  const [variant, setVariant] = useState<(typeof CODING_VARIANTS)[number]>("scratch");
  const [minutes, setMinutes] = useState("10");
  const [error, setError] = useState<ErrorCode | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const title = (set: SetOption) =>
    (locale === "zh" ? set.title.zh : set.title.en) ?? set.title.en ?? set.title.zh ?? "";

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    const result = await eventApi<EventView>("/api/events", {
      method: "POST",
      body: {
        name,
        description,
        startsAt: startsAt ? new Date(startsAt).toISOString() : "",
        endsAt: endsAt ? new Date(endsAt).toISOString() : "",
        identity,
        afterwards,
        terms,
        setIds,
        coding: coding
          ? CodingRoundSettingsSchema.parse({
              variant,
              durationSec: Math.min(60, Math.max(1, Math.round(Number(minutes)) || 10)) * 60,
            })
          : null,
      },
    });
    setBusy(false);
    if (result.ok) {
      router.push(`/events/${result.data.id}`);
      return;
    }
    setError(result.error);
    const byField: Record<string, string> = {};
    for (const issue of result.issues ?? [])
      byField[issue.path.split(".")[0] ?? ""] = issue.message;
    setFields(byField);
  }

  const invalid = (field: string) => (fields[field] ? { "aria-invalid": true as const } : {});
  const fieldError = (field: string) =>
    fields[field] ? (
      <span className="field-error" role="alert">
        {fields[field]}
      </span>
    ) : null;

  return (
    <form className="card event-form" onSubmit={(e) => void submit(e)} data-testid="event-form">
      <div className="field">
        <label htmlFor={`${id}-name`}>{t("events.name")}</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={120}
          data-testid="event-name-input"
          required
          onChange={(e) => setName(e.target.value)}
          {...invalid("name")}
        />
        {fieldError("name")}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>{t("events.description")}</label>
        <textarea
          id={`${id}-description`}
          value={description}
          rows={2}
          maxLength={2000}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-starts`}>{t("events.startsAt")}</label>
          <input
            id={`${id}-starts`}
            type="datetime-local"
            value={startsAt}
            required
            onChange={(e) => setStartsAt(e.target.value)}
            {...invalid("startsAt")}
          />
          {fieldError("startsAt")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-ends`}>{t("events.endsAt")}</label>
          <input
            id={`${id}-ends`}
            type="datetime-local"
            value={endsAt}
            required
            onChange={(e) => setEndsAt(e.target.value)}
            {...invalid("endsAt")}
          />
          {fieldError("endsAt")}
        </div>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-identity`}>{t("events.identity")}</label>
          <select
            id={`${id}-identity`}
            value={identity}
            onChange={(e) => setIdentity(e.target.value as typeof identity)}
          >
            {CANDIDATE_IDENTITIES.map((value) => (
              <option key={value} value={value}>
                {t(`events.identity.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-afterwards`}>{t("events.afterwards")}</label>
          <select
            id={`${id}-afterwards`}
            value={afterwards}
            onChange={(e) => setAfterwards(e.target.value as typeof afterwards)}
          >
            {CANDIDATE_VIEWS.map((value) => (
              <option key={value} value={value}>
                {t(`events.afterwards.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-terms`}>{t("events.terms")}</label>
        <textarea
          id={`${id}-terms`}
          value={terms}
          data-testid="event-terms-input"
          rows={3}
          maxLength={5000}
          required
          onChange={(e) => setTerms(e.target.value)}
          {...invalid("terms")}
        />
        <span className="field-hint">{t("events.termsHint")}</span>
        {fieldError("terms")}
      </div>
      <fieldset className="field event-sets">
        <legend>{t("events.sets")}</legend>
        {sets.map((set) => (
          <label key={set.id} className="check-row">
            <input
              type="checkbox"
              checked={setIds.includes(set.id)}
              data-testid="event-set"
              onChange={(e) =>
                setSetIds((ids) =>
                  e.target.checked ? [...ids, set.id] : ids.filter((x) => x !== set.id),
                )
              }
            />
            <span>
              {title(set)}{" "}
              <span className="muted">({t("sets.count", { n: set.questionCount })})</span>
            </span>
          </label>
        ))}
        {fieldError("setIds")}
      </fieldset>
      <fieldset className="field">
        <legend>{t("events.coding")}</legend>
        <label className="check-row">
          <input
            type="checkbox"
            checked={coding}
            data-testid="event-coding"
            onChange={(e) => setCoding(e.target.checked)}
          />
          <span>{t("events.codingInclude")}</span>
        </label>
        {coding && (
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-variant`}>{t("events.codingVariant")}</label>
              <select
                id={`${id}-variant`}
                value={variant}
                data-testid="event-coding-variant"
                onChange={(e) => setVariant(e.target.value as typeof variant)}
              >
                {CODING_VARIANTS.map((value) => (
                  <option key={value} value={value}>
                    {t(`events.variant.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-minutes`}>{t("events.codingMinutes")}</label>
              <input
                id={`${id}-minutes`}
                type="number"
                data-testid="event-coding-minutes"
                min={1}
                max={60}
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            </div>
          </div>
        )}
      </fieldset>
      <ErrorMessage code={error} />
      <button
        type="submit"
        className="button button-primary"
        disabled={busy}
        data-testid="event-create"
      >
        {t("events.create")}
      </button>
    </form>
  );
}
