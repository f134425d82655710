"use client";

import { useI18n, type MessageKey } from "../lib/i18n";

/** The CSV columns (lib/question-sets/csv-columns.ts), in the reader's language. */
const COLUMNS: [string, MessageKey][] = [
  ["id", "sets.csv.id"],
  ["type", "sets.csv.type"],
  ["topic", "sets.csv.topic"],
  ["difficulty", "sets.csv.difficulty"],
  ["time_limit_sec", "sets.csv.time"],
  ["prompt_en, prompt_zh", "sets.csv.prompt"],
  ["code", "sets.csv.code"],
  ["option_1_en … option_6_zh", "sets.csv.options"],
  ["correct", "sets.csv.correct"],
  ["tolerance", "sets.csv.tolerance"],
  ["unit_en, unit_zh", "sets.csv.unit"],
  ["accepted", "sets.csv.accepted"],
  ["explanation_en, explanation_zh", "sets.csv.explanation"],
];

export const SCHEMA_URL = "/schemas/question-set.v1.json";

export function FormatHelp() {
  const { t } = useI18n();
  return (
    <details className="set-format-help" data-testid="format-help">
      <summary>{t("sets.formats")}</summary>
      <p>
        {t("sets.jsonSchemaLead")}{" "}
        <a href={SCHEMA_URL} data-testid="schema-link">
          {SCHEMA_URL}
        </a>
      </p>
      <p>{t("sets.csvLead")}</p>
      <div className="set-table-scroll">
        <table className="set-table">
          <thead>
            <tr>
              <th scope="col">{t("sets.csv.column")}</th>
              <th scope="col">{t("sets.csv.meaning")}</th>
            </tr>
          </thead>
          <tbody>
            {COLUMNS.map(([column, key]) => (
              <tr key={column}>
                <td>
                  <code>{column}</code>
                </td>
                <td>{t(key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("sets.csvFormulaNote")}</p>
    </details>
  );
}
