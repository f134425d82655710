"use client";

import { useId } from "react";
import { z } from "zod";
import {
  CODING_VARIANTS,
  PlacedCodingRoundSchema,
  type PlacedCodingRound,
} from "@/lib/coding/round";
import { useI18n } from "../lib/i18n";
import "../coding.css";

/**
 * The setup form's coding rounds: where each goes (after N quiz questions), its variant and
 * rules. Values are kept as typed text and parsed with the contract's own schema on submit, so
 * the form accepts exactly what room:create accepts.
 */

export interface CodingRoundDraft {
  afterQuestion: string;
  variant: (typeof CODING_VARIANTS)[number];
  durationMin: string;
  floorPercent: string;
  /** "shrink" only: how many accuracy points below the baseline still count. */
  maxDropPoints: string;
  maxSubmissions: string;
  trainingBudget: string;
}

const DEFAULTS = PlacedCodingRoundSchema.parse({});

export const newCodingRound = (afterQuestion: number): CodingRoundDraft => ({
  afterQuestion: String(afterQuestion),
  variant: DEFAULTS.variant,
  durationMin: String(DEFAULTS.durationSec / 60),
  floorPercent: String(DEFAULTS.accuracyFloor * 100),
  maxDropPoints: String(DEFAULTS.maxAccuracyDrop * 100),
  maxSubmissions: String(DEFAULTS.maxSubmissions),
  trainingBudget: String(DEFAULTS.trainingBudget),
});

/**
 * The drafts as numbers, not yet checked: what a form sends when the server's schema is to decide
 * (and name the failing field, as `codingRounds.<i>.<key>`). Empty or non-numeric text becomes 0
 * or null, which the schema refuses.
 */
export function codingRoundValues(drafts: CodingRoundDraft[]) {
  return drafts.map((d) => ({
    afterQuestion: Number(d.afterQuestion),
    variant: d.variant,
    durationSec: Math.round(Number(d.durationMin) * 60),
    accuracyFloor: Number(d.floorPercent) / 100,
    maxAccuracyDrop: Number(d.maxDropPoints) / 100,
    maxSubmissions: Number(d.maxSubmissions),
    trainingBudget: Number(d.trainingBudget),
  }));
}

/** The drafts as room:create's `codingRounds`, or null if any field is out of range. */
export function parseCodingRounds(drafts: CodingRoundDraft[]): PlacedCodingRound[] | null {
  const parsed = z.array(PlacedCodingRoundSchema).safeParse(codingRoundValues(drafts));
  return parsed.success ? parsed.data : null;
}

/** The wire field each draft field becomes (minutes are sent as seconds, percents as 0..1). */
const WIRE_KEY: Record<string, keyof CodingRoundDraft> = {
  afterQuestion: "afterQuestion",
  durationSec: "durationMin",
  accuracyFloor: "floorPercent",
  maxAccuracyDrop: "maxDropPoints",
  maxSubmissions: "maxSubmissions",
  trainingBudget: "trainingBudget",
};

/**
 * A refusal's field paths (`codingRounds.0.durationSec`) as the drafts' fields they name
 * (`0.durationMin`), so each error shows next to its own input. Other paths are left out.
 */
export function codingRoundErrors(paths: readonly string[], prefix = "codingRounds") {
  const keys = new Set<string>();
  for (const path of paths) {
    const [head, index, key] = path.split(".");
    const field = key ? WIRE_KEY[key] : undefined;
    if (head === prefix && index !== undefined && /^\d+$/.test(index) && field) {
      keys.add(`${index}.${field}`);
    }
  }
  return keys;
}

export function CodingRoundFields({
  rounds,
  onChange,
  questionCount,
  errors,
}: {
  rounds: CodingRoundDraft[];
  onChange: (rounds: CodingRoundDraft[]) => void;
  questionCount: number;
  /** Fields the server refused, as `<round index>.<draft key>` (codingRoundErrors). */
  errors?: ReadonlySet<string>;
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (i: number, patch: Partial<CodingRoundDraft>) =>
    onChange(rounds.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const number = (
    i: number,
    key: keyof CodingRoundDraft,
    label: string,
    min: number,
    max: number,
    step = 1,
  ) => {
    const base = `${id}-${i}-${key}`;
    const refused = errors?.has(`${i}.${key}`) ?? false;
    // Labelled by its label text alone, so the error is read as a description, not as the name.
    return (
      <label className="field">
        <span id={`${base}-label`}>{label}</span>
        <input
          name={`coding.${i}.${key}`}
          data-testid={`coding-${key}`}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={rounds[i]![key]}
          aria-labelledby={`${base}-label`}
          {...(refused
            ? { "aria-invalid": true as const, "aria-describedby": `${base}-error` }
            : {})}
          onChange={(e) => set(i, { [key]: e.target.value })}
        />
        {refused && (
          <span id={`${base}-error`} className="field-error" data-testid={`coding-error-${key}`}>
            {t("codingSetup.range", { min, max })}
          </span>
        )}
      </label>
    );
  };
  return (
    <fieldset className="field coding-rounds">
      <legend>{t("codingSetup.title")}</legend>
      <p className="muted field-hint">{t("codingSetup.hint")}</p>
      {rounds.map((round, i) => (
        <fieldset key={i} className="coding-round-editor" data-testid="coding-round">
          <legend>{t("codingSetup.round", { n: i + 1 })}</legend>
          <div className="field-row">
            {number(i, "afterQuestion", t("codingSetup.after"), 0, Math.max(0, questionCount))}
            <label className="field">
              <span>{t("codingSetup.variant")}</span>
              <select
                name={`coding.${i}.variant`}
                data-testid="coding-variant"
                value={round.variant}
                onChange={(e) => set(i, { variant: e.target.value as CodingRoundDraft["variant"] })}
              >
                {CODING_VARIANTS.map((v) => (
                  <option key={v} value={v}>
                    {t(`codingHost.variant.${v}`)}
                  </option>
                ))}
              </select>
            </label>
            {number(i, "durationMin", t("codingSetup.minutes"), 1, 60)}
            {/* A "shrink" round's floor is the baseline's accuracy minus this margin. */}
            {round.variant === "shrink"
              ? number(i, "maxDropPoints", t("codingSetup.maxDrop"), 0, 20, 0.1)
              : number(i, "floorPercent", t("codingSetup.floor"), 0, 100, 0.5)}
            {number(i, "maxSubmissions", t("codingSetup.cap"), 1, 50)}
            {number(i, "trainingBudget", t("codingSetup.budget"), 1000, 60000, 1000)}
          </div>
          <button
            type="button"
            className="button button-ghost"
            onClick={() => onChange(rounds.filter((_, j) => j !== i))}
          >
            {t("codingSetup.remove")}
          </button>
        </fieldset>
      ))}
      {rounds.length < 5 && (
        <button
          type="button"
          className="button"
          data-testid="coding-add"
          onClick={() => onChange([...rounds, newCodingRound(questionCount)])}
        >
          {t("codingSetup.add")}
        </button>
      )}
    </fieldset>
  );
}
