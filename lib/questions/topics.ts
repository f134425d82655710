/**
 * The article's six interview topics plus its two code listings. Kept apart from schema.ts (zod)
 * so the question screen can tell a known topic from a host's tag without the validator.
 */
export const TOPICS = [
  "large-models",
  "frameworks",
  "training",
  "startup-team",
  "innovation",
  "business-models",
  "code-mnist",
  "code-compression",
] as const;
export type Topic = (typeof TOPICS)[number];

/** A known topic is translated on screen by key; anything else is a host's tag, shown as written. */
export const isKnownTopic = (topic: string): topic is Topic =>
  (TOPICS as readonly string[]).includes(topic);
