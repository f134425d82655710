import type { Messages, MessageKey } from "./messages/en";

/** Pure lookups over one language's messages: used by useI18n and by server components. */

export type TranslateParams = Record<string, string | number>;

/**
 * `{n, plural, one {# room} other {# rooms}}`: the `one` text when n is exactly 1, else the
 * `other` text, with `#` standing for n. English needs it ("1 rooms"); Chinese has no plural
 * forms, so its messages use a plain `{n}`. The two texts hold no braces.
 */
const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;

export function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template
    .replace(PLURAL, (whole, name: string, one: string, other: string) => {
      if (!(name in params)) return whole;
      const value = params[name];
      return (Number(value) === 1 ? one : other).replaceAll("#", String(value));
    })
    .replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
}

export function translate(messages: Messages, key: MessageKey, params?: TranslateParams): string {
  return interpolate(messages.ui[key], params);
}
