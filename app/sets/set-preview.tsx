"use client";

import { useState } from "react";
import type { PublicQuestion } from "@/lib/contract/views";
import type { SetLanguage } from "@/lib/question-sets/schema";
import type { LocalizedText, Topic } from "@/lib/questions/schema";
import { AnswerButtons, isChoiceQuestion } from "../components/answer-buttons";
import { AnswerForm, isFormQuestion } from "../components/answer-forms";
import { OptionList } from "../components/option-list";
import { CodeListing, QuestionView } from "../components/question-view";
import { useI18n } from "../lib/i18n";
import type { QuestionForm, TextForm } from "./draft";

/**
 * The question as players and the projector will see it, drawn by the game's own components
 * (question-view, answer-buttons, answer-forms, option-list), so the preview cannot drift from
 * the real screens. The content language is picked here: the screens show one language at a time.
 */
export function SetPreview({
  question,
  index,
  total,
  language,
}: {
  question: QuestionForm;
  index: number;
  total: number;
  language: SetLanguage;
}) {
  const { t, locale } = useI18n();
  const [chosen, setChosen] = useState<"zh" | "en">(locale);
  const lang = language === "both" ? chosen : language;
  const shown = toPublic(question, index, total, lang);
  const noop = () => undefined;
  return (
    <section className="set-preview" aria-label={t("sets.preview")} data-testid="set-preview">
      <div className="set-preview-head">
        <h2>{t("sets.preview")}</h2>
        {language === "both" && (
          <div className="lang-switch" role="group" aria-label={t("sets.previewLanguage")}>
            {(["en", "zh"] as const).map((l) => (
              <button
                key={l}
                type="button"
                className="button button-ghost"
                aria-pressed={lang === l}
                onClick={() => setChosen(l)}
              >
                {t(l === "en" ? "sets.lang.en" : "sets.lang.zh")}
              </button>
            ))}
          </div>
        )}
      </div>
      <div className="set-preview-screens" lang={lang === "zh" ? "zh-CN" : "en"}>
        <figure className="set-preview-phone">
          <figcaption>{t("sets.previewPhone")}</figcaption>
          <div className="set-preview-frame set-preview-frame-phone" inert>
            <QuestionView question={shown} compact />
            {isChoiceQuestion(shown) ? (
              <AnswerButtons
                key={`${question.key}-${shown.type}`}
                question={shown}
                disabled={false}
                onAnswer={noop}
              />
            ) : isFormQuestion(shown) ? (
              <AnswerForm
                key={`${question.key}-${shown.type}`}
                question={shown}
                disabled={false}
                onAnswer={noop}
              />
            ) : null}
          </div>
        </figure>
        <figure className="set-preview-projector">
          <figcaption>{t("sets.previewProjector")}</figcaption>
          <div className="set-preview-frame set-preview-frame-projector" inert>
            <QuestionView question={shown} withCode={false} />
            {shown.code ? (
              <div className="host-code-grid">
                <CodeListing code={shown.code} />
                <OptionList question={shown} />
              </div>
            ) : (
              <OptionList question={shown} />
            )}
          </div>
        </figure>
      </div>
    </section>
  );
}

/** The form as the game would send it, every text in the one previewed language. */
function toPublic(
  q: QuestionForm,
  index: number,
  total: number,
  lang: "zh" | "en",
): PublicQuestion {
  // Both keys carry the previewed text: the components pick by the UI's language.
  const text = (form: TextForm): LocalizedText => ({ zh: form[lang], en: form[lang] });
  const limit = Number(q.timeLimitSec);
  const base = {
    index,
    total,
    // A host's topic is a free tag; the game's components label the article's topics only.
    topic: q.topic as Topic,
    difficulty: q.difficulty,
    prompt: text(q.prompt),
    ...(q.code.trim() === "" ? {} : { code: q.code }),
    timeLimitSec: Number.isFinite(limit) && limit > 0 ? limit : 20,
  };
  switch (q.type) {
    case "single":
      return { ...base, type: "single", options: q.options.map(text) };
    case "multiple":
      return {
        ...base,
        type: "multiple",
        options: q.options.map(text),
        correctCount: q.correct.length,
      };
    case "truefalse":
      return { ...base, type: "truefalse" };
    case "ordering":
      return { ...base, type: "ordering", items: q.items.map(text) };
    case "numeric": {
      const unit = text(q.unit);
      return { ...base, type: "numeric", ...(unit.en === "" ? {} : { unit }) };
    }
    case "text":
      return { ...base, type: "text" };
  }
}
