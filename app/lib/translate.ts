import type { Messages, MessageKey } from "./messages/en";

/** Pure lookups over one language's messages: used by useI18n and by server components. */

export type TranslateParams = Record<string, string | number>;

export function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function translate(messages: Messages, key: MessageKey, params?: TranslateParams): string {
  return interpolate(messages.ui[key], params);
}
