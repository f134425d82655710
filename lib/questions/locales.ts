/**
 * The two languages every question and every screen comes in. Kept apart from schema.ts (zod) so
 * that client code needing only the list or the type does not pull the validator into the page.
 */
export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
