"use client";

import { useContext } from "react";
import type { SetLanguage } from "@/lib/question-sets/schema";
import { optionLetter } from "../lib/answer-display";
import { useI18n } from "../lib/i18n";
import type { QuestionForm, TextForm } from "./draft";
import { Field, Fieldset, GroupIssues, IssueContext, TextFields } from "./fields";

/**
 * The answer part of a question, by type: options with their correct marks, the true/false key,
 * ordering items (listed in the correct order, moved with buttons), a number with its tolerance,
 * or the accepted short answers.
 */
interface Props {
  question: QuestionForm;
  language: SetLanguage;
  path: string;
  onChange: (patch: Partial<QuestionForm>) => void;
}

const empty = (): TextForm => ({ zh: "", en: "" });

export function QuestionChoices(props: Props) {
  switch (props.question.type) {
    case "single":
    case "multiple":
      return <OptionsEditor {...props} />;
    case "truefalse":
      return <TrueFalseEditor {...props} />;
    case "ordering":
      return <ItemsEditor {...props} />;
    case "numeric":
      return <NumericEditor {...props} />;
    case "text":
      return <AcceptedEditor {...props} />;
    default:
      return null;
  }
}

function OptionsEditor({ question, language, path, onChange }: Props) {
  const { t } = useI18n();
  const { readOnly, touch } = useContext(IssueContext);
  const multiple = question.type === "multiple";
  const setCorrect = (i: number, on: boolean) => {
    touch(`${path}.correct`);
    if (!multiple) onChange({ correct: [i] });
    else
      onChange({
        correct: on ? [...question.correct, i] : question.correct.filter((c) => c !== i),
      });
  };
  const remove = (i: number) =>
    onChange({
      options: question.options.filter((_, j) => j !== i),
      // Marks follow their options: later ones shift down, the removed one goes.
      correct: question.correct.filter((c) => c !== i).map((c) => (c > i ? c - 1 : c)),
    });
  return (
    <Fieldset legend={t("sets.q.options")}>
      <p className="field-hint">{t(multiple ? "sets.q.markAll" : "sets.q.markOne")}</p>
      <ol className="set-option-list">
        {question.options.map((option, i) => (
          <li key={i} className="set-option">
            <span className="set-option-letter" aria-hidden="true">
              {optionLetter(i)}
            </span>
            <div className="set-option-texts">
              <TextFields
                path={`${path}.options.${i}`}
                label={t("sets.q.option", { letter: optionLetter(i) })}
                value={option}
                language={language}
                testId={`option-${i}`}
                onChange={(text) =>
                  onChange({ options: question.options.map((o, j) => (j === i ? text : o)) })
                }
              />
            </div>
            <label className="choice set-correct">
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`${question.key}-correct`}
                checked={question.correct.includes(i)}
                disabled={readOnly}
                data-testid={`correct-${i}`}
                onChange={(e) => setCorrect(i, e.target.checked)}
              />
              {t("sets.q.correct", { letter: optionLetter(i) })}
            </label>
            {!readOnly && question.options.length > 2 && (
              <button type="button" className="button button-ghost" onClick={() => remove(i)}>
                {t("sets.q.removeOption", { letter: optionLetter(i) })}
              </button>
            )}
          </li>
        ))}
      </ol>
      <GroupIssues path={`${path}.options`} />
      <GroupIssues path={`${path}.correct`} />
      {!readOnly && question.options.length < 6 && (
        <button
          type="button"
          className="button button-ghost"
          onClick={() => onChange({ options: [...question.options, empty()] })}
        >
          {t("sets.q.addOption")}
        </button>
      )}
    </Fieldset>
  );
}

function TrueFalseEditor({ question, onChange }: Props) {
  const { t } = useI18n();
  const { readOnly } = useContext(IssueContext);
  return (
    <Fieldset legend={t("sets.q.truth")}>
      {[true, false].map((value) => (
        <label key={String(value)} className="choice">
          <input
            type="radio"
            name={`${question.key}-truth`}
            checked={question.truth === value}
            disabled={readOnly}
            data-testid={`truth-${value}`}
            onChange={() => onChange({ truth: value })}
          />
          {t(value ? "true" : "false")}
        </label>
      ))}
    </Fieldset>
  );
}

function ItemsEditor({ question, language, path, onChange }: Props) {
  const { t } = useI18n();
  const { readOnly } = useContext(IssueContext);
  const items = question.items;
  const move = (from: number, to: number) => {
    if (to < 0 || to >= items.length) return;
    const next = [...items];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onChange({ items: next });
  };
  return (
    <Fieldset legend={t("sets.q.items")}>
      <p className="field-hint">{t("sets.q.itemsHint")}</p>
      <ol className="set-option-list">
        {items.map((item, i) => (
          <li key={i} className="set-option">
            <span className="set-option-letter" aria-hidden="true">
              {i + 1}
            </span>
            <div className="set-option-texts">
              <TextFields
                path={`${path}.items.${i}`}
                label={t("sets.q.item", { n: i + 1 })}
                value={item}
                language={language}
                testId={`item-${i}`}
                onChange={(text) => onChange({ items: items.map((o, j) => (j === i ? text : o)) })}
              />
            </div>
            {!readOnly && (
              <span className="button-row set-move">
                <button
                  type="button"
                  className="button button-ghost"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                >
                  {t("sets.q.itemUp", { n: i + 1 })}
                </button>
                <button
                  type="button"
                  className="button button-ghost"
                  disabled={i === items.length - 1}
                  onClick={() => move(i, i + 1)}
                >
                  {t("sets.q.itemDown", { n: i + 1 })}
                </button>
                {items.length > 3 && (
                  <button
                    type="button"
                    className="button button-ghost"
                    onClick={() => onChange({ items: items.filter((_, j) => j !== i) })}
                  >
                    {t("sets.q.removeItem", { n: i + 1 })}
                  </button>
                )}
              </span>
            )}
          </li>
        ))}
      </ol>
      <GroupIssues path={`${path}.items`} />
      {!readOnly && items.length < 6 && (
        <button
          type="button"
          className="button button-ghost"
          onClick={() => onChange({ items: [...items, empty()] })}
        >
          {t("sets.q.addItem")}
        </button>
      )}
    </Fieldset>
  );
}

function NumericEditor({ question, language, path, onChange }: Props) {
  const { t } = useI18n();
  return (
    <Fieldset legend={t("sets.q.numeric")}>
      <div className="field-row">
        <FieldNumber
          path={`${path}.correct`}
          label={t("sets.q.numericAnswer")}
          value={question.numericAnswer}
          testId="numeric-answer"
          onChange={(numericAnswer) => onChange({ numericAnswer })}
        />
        <FieldNumber
          path={`${path}.tolerance`}
          label={t("sets.q.tolerance")}
          value={question.tolerance}
          testId="numeric-tolerance"
          onChange={(tolerance) => onChange({ tolerance })}
        />
      </div>
      <TextFields
        path={`${path}.unit`}
        label={t("sets.q.unit")}
        value={question.unit}
        language={language}
        testId="numeric-unit"
        onChange={(unit) => onChange({ unit })}
      />
    </Fieldset>
  );
}

function AcceptedEditor({ question, path, onChange }: Props) {
  const { t } = useI18n();
  return (
    <FieldText
      path={`${path}.accepted`}
      label={t("sets.q.accepted")}
      hint={t("sets.q.acceptedHint")}
      value={question.accepted}
      testId="accepted"
      onChange={(accepted) => onChange({ accepted })}
    />
  );
}

function FieldNumber(props: {
  path: string;
  label: string;
  value: string;
  testId: string;
  onChange: (v: string) => void;
}) {
  return <Field {...props} type="number" />;
}

function FieldText(props: {
  path: string;
  label: string;
  hint: string;
  value: string;
  testId: string;
  onChange: (v: string) => void;
}) {
  return <Field {...props} multiline deep />;
}
