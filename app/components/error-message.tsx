"use client";

import type { ErrorCode } from "@/lib/contract/errors";
import { useI18n } from "../lib/i18n";

/** A server refusal, in the reader's language. role="alert" so screen readers announce it. */
export function ErrorMessage({ code, text }: { code?: ErrorCode | null; text?: string | null }) {
  const { te } = useI18n();
  const message = code ? te(code) : text;
  if (!message) return null;
  return (
    <p className="error-message" role="alert" data-error={code ?? undefined}>
      {message}
    </p>
  );
}
