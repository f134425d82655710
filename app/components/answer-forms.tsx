"use client";

import { useState, type FormEvent } from "react";
import type { PublicQuestion } from "@/lib/contract/views";
import type { Answer } from "@/lib/questions/schema";
import { useI18n } from "../lib/i18n";

type FormQuestion = Extract<PublicQuestion, { type: "ordering" | "numeric" | "text" }>;

export function isFormQuestion(question: PublicQuestion): question is FormQuestion {
  return question.type === "ordering" || question.type === "numeric" || question.type === "text";
}

interface AnswerFormProps {
  question: FormQuestion;
  disabled: boolean;
  onAnswer: (answer: Answer) => void;
}

/** Ordering, numeric and free-text answers: a form, so Enter submits from anywhere inside it. */
export function AnswerForm(props: AnswerFormProps) {
  switch (props.question.type) {
    case "ordering":
      return <OrderingForm {...props} question={props.question} />;
    case "numeric":
      return <NumericForm {...props} question={props.question} />;
    case "text":
      return <TextForm {...props} />;
  }
}

function SubmitButton({ disabled }: { disabled: boolean }) {
  const { t } = useI18n();
  return (
    <button
      type="submit"
      className="button button-primary button-block"
      data-testid="answer-submit"
      disabled={disabled}
    >
      {t("submit")}
    </button>
  );
}

function OrderingForm({
  question,
  disabled,
  onAnswer,
}: AnswerFormProps & { question: Extract<PublicQuestion, { type: "ordering" }> }) {
  const { t, tx } = useI18n();
  // Shown positions in the player's current order; the answer is exactly this list.
  const [order, setOrder] = useState(() => question.items.map((_, i) => i));

  const move = (from: number, to: number) => {
    if (to < 0 || to >= order.length) return;
    setOrder((prev) => {
      const next = [...prev];
      const [item] = next.splice(from, 1);
      if (item !== undefined) next.splice(to, 0, item);
      return next;
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled) onAnswer({ type: "ordering", order });
  };

  return (
    <form className="answer-block" onSubmit={submit}>
      <p className="answer-hint">{t("orderHint")}</p>
      <ol className="order-list">
        {order.map((position, place) => {
          const text = tx(question.items[position] ?? { zh: "", en: "" });
          return (
            <li key={position} className="order-item" data-testid="order-item">
              <span className="order-place" aria-hidden="true">
                {place + 1}
              </span>
              <span className="order-text">{text}</span>
              <span className="order-buttons">
                <button
                  type="button"
                  className="button button-icon"
                  data-testid="order-up"
                  aria-label={t("moveUp", { item: text })}
                  disabled={disabled || place === 0}
                  onClick={() => move(place, place - 1)}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button button-icon"
                  data-testid="order-down"
                  aria-label={t("moveDown", { item: text })}
                  disabled={disabled || place === order.length - 1}
                  onClick={() => move(place, place + 1)}
                >
                  ↓
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      <SubmitButton disabled={disabled} />
    </form>
  );
}

function NumericForm({
  question,
  disabled,
  onAnswer,
}: AnswerFormProps & { question: Extract<PublicQuestion, { type: "numeric" }> }) {
  const { t, tx } = useI18n();
  const [value, setValue] = useState("");
  const [invalid, setInvalid] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A decimal comma is what half the world types.
    const parsed = Number(value.trim().replace(",", "."));
    if (value.trim() === "" || !Number.isFinite(parsed)) {
      setInvalid(true);
      return;
    }
    if (!disabled) onAnswer({ type: "numeric", value: parsed });
  };

  return (
    <form className="answer-block" onSubmit={submit} noValidate>
      <label className="field">
        <span>{t("yourNumber")}</span>
        <span className="input-with-unit">
          <input
            data-testid="answer-numeric"
            name="answer"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            enterKeyHint="send"
            value={value}
            disabled={disabled}
            aria-invalid={invalid}
            onChange={(event) => {
              setValue(event.target.value);
              setInvalid(false);
            }}
          />
          {question.unit && <span className="unit">{tx(question.unit)}</span>}
        </span>
      </label>
      {invalid && (
        <p className="error-message" role="alert">
          {t("notANumber")}
        </p>
      )}
      <SubmitButton disabled={disabled || value.trim() === ""} />
    </form>
  );
}

function TextForm({ disabled, onAnswer }: AnswerFormProps) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!disabled && text.trim() !== "") onAnswer({ type: "text", text: text.trim() });
  };
  return (
    <form className="answer-block" onSubmit={submit}>
      <label className="field">
        <span>{t("yourAnswer")}</span>
        <input
          data-testid="answer-text"
          name="answer"
          type="text"
          maxLength={200}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          enterKeyHint="send"
          value={text}
          disabled={disabled}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      <SubmitButton disabled={disabled || text.trim() === ""} />
    </form>
  );
}
