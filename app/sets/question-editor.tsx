"use client";

import { useContext, useId } from "react";
import type { SetLanguage } from "@/lib/question-sets/schema";
import { QUESTION_TYPES, type Difficulty, type QuestionType } from "@/lib/questions/schema";
import { useI18n } from "../lib/i18n";
import type { QuestionForm } from "./draft";
import { Field, IssueContext, TextFields } from "./fields";
import { QuestionChoices } from "./question-choices";

/** One question's fields: type, topic, difficulty, time limit, texts, code listing, answer. */
export function QuestionEditor({
  question,
  index,
  language,
  onChange,
}: {
  question: QuestionForm;
  index: number;
  language: SetLanguage;
  onChange: (patch: Partial<QuestionForm>) => void;
}) {
  const { t } = useI18n();
  const { readOnly } = useContext(IssueContext);
  const typeId = useId();
  const difficultyId = useId();
  const path = `questions.${index}`;
  return (
    <section
      className="set-question-editor"
      aria-labelledby={`${typeId}-heading`}
      data-testid="question-editor"
    >
      <h2 id={`${typeId}-heading`}>{t("sets.q.heading", { n: index + 1 })}</h2>
      <div className="field-row">
        <div className="field">
          <label htmlFor={typeId}>{t("sets.q.type")}</label>
          <select
            id={typeId}
            value={question.type}
            disabled={readOnly}
            data-testid="question-type"
            onChange={(e) => onChange({ type: e.target.value as QuestionType })}
          >
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`sets.type.${type}`)}
              </option>
            ))}
          </select>
        </div>
        <Field
          path={`${path}.topic`}
          label={t("sets.q.topic")}
          hint={t("sets.tagHint")}
          value={question.topic}
          testId="question-topic"
          onChange={(topic) => onChange({ topic })}
        />
        <div className="field">
          <label htmlFor={difficultyId}>{t("sets.q.difficulty")}</label>
          <select
            id={difficultyId}
            value={question.difficulty}
            disabled={readOnly}
            data-testid="question-difficulty"
            onChange={(e) => onChange({ difficulty: Number(e.target.value) as Difficulty })}
          >
            {[1, 2, 3].map((n) => (
              <option key={n} value={n}>
                {t("difficulty", { n })}
              </option>
            ))}
          </select>
        </div>
        <Field
          path={`${path}.timeLimitSec`}
          label={t("sets.q.timeLimit")}
          hint={t("sets.q.timeLimitHint")}
          type="number"
          value={question.timeLimitSec}
          testId="question-time"
          onChange={(timeLimitSec) => onChange({ timeLimitSec })}
        />
      </div>
      <TextFields
        path={`${path}.prompt`}
        label={t("sets.q.prompt")}
        value={question.prompt}
        language={language}
        multiline
        testId="prompt"
        onChange={(prompt) => onChange({ prompt })}
      />
      <Field
        path={`${path}.code`}
        label={t("sets.q.code")}
        hint={t("sets.q.codeHint")}
        value={question.code}
        multiline
        mono
        testId="question-code"
        onChange={(code) => onChange({ code })}
      />
      <QuestionChoices question={question} language={language} path={path} onChange={onChange} />
      <TextFields
        path={`${path}.explanation`}
        label={t("sets.q.explanation")}
        value={question.explanation}
        language={language}
        multiline
        testId="explanation"
        onChange={(explanation) => onChange({ explanation })}
      />
    </section>
  );
}
