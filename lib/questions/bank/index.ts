import type { QuestionSet } from "../schema";
import { aiStartupQuestionSet } from "./ai-startup";

/** Question sets shipped with the app, identified by slug (questions by id) for idempotent seeding. */
export const BUILT_IN_SETS: readonly QuestionSet[] = [aiStartupQuestionSet];

/** The set a new room starts with when the host has not picked one. */
export const DEFAULT_SET_SLUG = aiStartupQuestionSet.slug;
