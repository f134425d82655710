import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";
import { nicknameKeys } from "./nickname";

/**
 * The optional word filter for nicknames (off by default; on with NICKNAME_WORD_FILTER=1, and
 * meant to be switched on for hiring events). It uses the maintained `obscenity` package's
 * English preset, whose transformers already see through leetspeak, repeated letters and
 * look-alike characters; we also test the confusables skeleton's folded form, so a name that
 * hides a word behind Cyrillic letters is caught too. Kept apart from nickname.ts so the join
 * form does not ship the word list to every phone.
 */
let matcher: RegExpMatcher | null = null;

export function nicknameAllowedByWordFilter(nickname: string): boolean {
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  const [folded] = nicknameKeys(nickname);
  return !matcher.hasMatch(nickname) && !matcher.hasMatch(folded);
}
