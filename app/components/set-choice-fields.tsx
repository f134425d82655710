"use client";

import { useState } from "react";
import type { ErrorCode } from "@/lib/contract/errors";
import { setIdFromLink } from "@/lib/question-sets/setup-choices";
import { fetchSet, type SetupSet } from "../hooks/use-set-questions";
import { useI18n } from "../lib/i18n";
import { ErrorMessage } from "./error-message";

/**
 * Which sets the room draws on: the host's own, public ones and the built-in bank as a checklist
 * (ticking order is play order across sets), and an unlisted set added by pasting its link or id.
 */
export function SetChoiceFields({
  sets,
  chosen,
  onChange,
}: {
  sets: SetupSet[];
  chosen: string[];
  onChange: (setIds: string[]) => void;
}) {
  const { t, locale } = useI18n();
  const [link, setLink] = useState("");
  const [error, setError] = useState<ErrorCode | null>(null);
  const title = (set: SetupSet) => set.title[locale] ?? set.title.en ?? set.title.zh ?? set.id;
  const badge = (set: SetupSet) =>
    set.builtIn ? t("setup.builtIn") : set.mine ? t("setup.mine") : t(`setup.${set.visibility}`);

  const add = async () => {
    const id = setIdFromLink(link);
    if (!id) return setError("QUESTION_SET_NOT_FOUND");
    // Checked here so a wrong link is told at once; the form then loads it like any chosen set.
    if (!sets.some((s) => s.id === id) && !(await fetchSet(id))) {
      return setError("QUESTION_SET_NOT_FOUND");
    }
    if (!chosen.includes(id)) onChange([...chosen, id]);
    setError(null);
    setLink("");
  };

  return (
    <fieldset className="field setup-sets">
      <legend>{t("setup.sets")}</legend>
      <p className="muted field-hint">{t("setup.setsHint")}</p>
      <ul className="setup-list" data-testid="setup-sets">
        {sets.map((set) => (
          <li key={set.id}>
            <label className="choice">
              <input
                type="checkbox"
                name="setIds"
                value={set.id}
                checked={chosen.includes(set.id)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...chosen, set.id]
                      : chosen.filter((id) => id !== set.id),
                  )
                }
              />
              <span>
                <strong>{title(set)}</strong>{" "}
                <span className="muted">
                  {t("nQuestions", { n: set.questionCount })} · {badge(set)}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      <div className="setup-add">
        <label className="field">
          <span>{t("setup.addByLink")}</span>
          <input
            name="setLink"
            value={link}
            autoComplete="off"
            onChange={(event) => setLink(event.target.value)}
          />
        </label>
        <button type="button" className="button" onClick={() => void add()}>
          {t("setup.add")}
        </button>
      </div>
      <ErrorMessage code={error} />
    </fieldset>
  );
}
