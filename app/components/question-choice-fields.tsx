"use client";

import { useState } from "react";
import { QUESTION_TYPES } from "@/lib/questions/schema";
import {
  PICK_MODES,
  type ListedQuestion,
  type SetupChoices,
} from "@/lib/question-sets/setup-choices";
import { useI18n } from "../lib/i18n";

type Patch = (patch: Partial<SetupChoices>) => void;

/** Ticks `value` in or out of `list`, keeping the order things were ticked in. */
const toggle = <T,>(list: T[], value: T, on: boolean) =>
  on ? [...list, value] : list.filter((v) => v !== value);

/**
 * Which questions of the chosen sets play: filters (with how many match), first N, N at random or
 * exact picks from a searchable checklist, shuffles and a time-limit override for the whole room.
 */
export function QuestionChoiceFields({
  choices,
  onChange,
  topics,
  matching,
  loading,
}: {
  choices: SetupChoices;
  onChange: Patch;
  /** Every topic among the chosen sets' questions. */
  topics: string[];
  matching: ListedQuestion[];
  loading: boolean;
}) {
  const { t, locale, tTopic } = useI18n();
  const [search, setSearch] = useState("");
  const prompt = (q: ListedQuestion) =>
    q.question.prompt[locale] ?? q.question.prompt.en ?? q.question.prompt.zh ?? "";
  const needle = search.trim().toLowerCase();
  const listed = needle
    ? matching.filter(
        (q) =>
          prompt(q).toLowerCase().includes(needle) ||
          q.question.topic.includes(needle) ||
          tTopic(q.question.topic).toLowerCase().includes(needle),
      )
    : matching;

  return (
    <>
      <fieldset className="field setup-filters">
        <legend>{t("setup.filters")}</legend>
        <p className="muted field-hint">{t("setup.filtersHint")}</p>
        <div className="setup-filter-groups">
          <fieldset className="field">
            <legend>{t("setup.topics")}</legend>
            {topics.map((topic) => (
              <label key={topic} className="choice">
                <input
                  type="checkbox"
                  name="topic"
                  value={topic}
                  checked={choices.topics.includes(topic)}
                  onChange={(e) =>
                    onChange({ topics: toggle(choices.topics, topic, e.target.checked) })
                  }
                />
                <span>{tTopic(topic)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="field">
            <legend>{t("setup.types")}</legend>
            {QUESTION_TYPES.map((type) => (
              <label key={type} className="choice">
                <input
                  type="checkbox"
                  name="type"
                  value={type}
                  checked={choices.types.includes(type)}
                  onChange={(e) =>
                    onChange({ types: toggle(choices.types, type, e.target.checked) })
                  }
                />
                <span>{t(`setup.type.${type}`)}</span>
              </label>
            ))}
          </fieldset>
          <fieldset className="field">
            <legend>{t("setup.difficulty")}</legend>
            {([1, 2, 3] as const).map((level) => (
              <label key={level} className="choice">
                <input
                  type="checkbox"
                  name="difficulty"
                  value={level}
                  checked={choices.difficulties.includes(level)}
                  onChange={(e) =>
                    onChange({
                      difficulties: toggle(choices.difficulties, level, e.target.checked),
                    })
                  }
                />
                <span>{t("difficulty", { n: level })}</span>
              </label>
            ))}
          </fieldset>
        </div>
        <p className="setup-count" role="status" data-testid="setup-matching">
          {loading ? t("setup.loading") : t("setup.matching", { n: matching.length })}
        </p>
      </fieldset>

      <fieldset className="field">
        <legend>{t("setup.pick")}</legend>
        {PICK_MODES.map((mode) => (
          <label key={mode} className="choice">
            <input
              type="radio"
              name="pickMode"
              value={mode}
              checked={choices.mode === mode}
              onChange={() => onChange({ mode })}
            />
            <span>{t(`setup.pick.${mode}`)}</span>
          </label>
        ))}
        {choices.mode === "exact" ? (
          <div className="setup-exact">
            <label className="field">
              <span>{t("setup.search")}</span>
              <input
                // type="text": Chrome draws a search box wider than the card on a phone.
                type="text"
                inputMode="search"
                name="questionSearch"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </label>
            <p className="muted field-hint">{t("setup.picked", { n: choices.picked.length })}</p>
            <ul className="setup-list setup-questions" data-testid="setup-questions">
              {listed.map((q) => (
                <li key={q.id}>
                  <label className="choice">
                    <input
                      type="checkbox"
                      name="questionIds"
                      value={q.id}
                      checked={choices.picked.includes(q.id)}
                      onChange={(e) =>
                        onChange({ picked: toggle(choices.picked, q.id, e.target.checked) })
                      }
                    />
                    <span>
                      {choices.picked.includes(q.id) && (
                        <span className="setup-order">{choices.picked.indexOf(q.id) + 1}. </span>
                      )}
                      {prompt(q)}{" "}
                      <span className="muted">
                        · {tTopic(q.question.topic)} · {t(`setup.type.${q.question.type}`)}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <label className="field">
            <span>{t("questionCount")}</span>
            <input
              name="questionCount"
              type="number"
              inputMode="numeric"
              min={0}
              max={200}
              value={String(choices.count)}
              onChange={(e) =>
                onChange({ count: Math.max(0, Math.floor(Number(e.target.value) || 0)) })
              }
            />
          </label>
        )}
      </fieldset>

      <fieldset className="field">
        <legend>{t("setup.order")}</legend>
        <label className="choice">
          <input
            type="checkbox"
            name="shuffleQuestions"
            checked={choices.shuffleQuestions}
            onChange={(e) => onChange({ shuffleQuestions: e.target.checked })}
          />
          <span>{t("setup.shuffleQuestions")}</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            name="shuffleOptions"
            checked={choices.shuffleOptions}
            onChange={(e) => onChange({ shuffleOptions: e.target.checked })}
          />
          <span>{t("setup.shuffleOptions")}</span>
        </label>
        <label className="choice">
          <input
            type="checkbox"
            name="overrideTimeLimit"
            checked={choices.timeLimitOverride !== null}
            onChange={(e) => onChange({ timeLimitOverride: e.target.checked ? 30 : null })}
          />
          <span>{t("setup.override")}</span>
        </label>
        {choices.timeLimitOverride !== null && (
          <label className="field">
            <span>{t("setup.overrideSeconds")}</span>
            <input
              name="timeLimitOverride"
              type="number"
              inputMode="numeric"
              min={5}
              max={240}
              value={String(choices.timeLimitOverride)}
              onChange={(e) => onChange({ timeLimitOverride: Number(e.target.value) || 5 })}
            />
          </label>
        )}
      </fieldset>
    </>
  );
}
