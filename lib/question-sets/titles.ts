import { SET_LIMITS, type SetText } from "./schema";

/**
 * Title collisions on import: importing a file twice (or a file exported from a set you already
 * have) must not leave two sets nobody can tell apart in the set list or the room setup. When a
 * title (in either language, ignoring case and surrounding spaces) is already one of the
 * importer's own sets, the new set is called "<title> (2)", "(3)", … in every language, at the
 * first number free in all of them. Titles of other people's sets do not count: yours is yours.
 */
export function distinctTitle(title: SetText, taken: readonly SetText[]): SetText {
  const used = new Set(
    taken.flatMap((t) => [t.en, t.zh]).flatMap((s) => (s === undefined ? [] : [key(s)])),
  );
  const clashes = (candidate: SetText) =>
    [candidate.en, candidate.zh].some((s) => s !== undefined && used.has(key(s)));
  if (!clashes(title)) return title;
  for (let n = 2; ; n++) {
    const candidate = numbered(title, n);
    if (!clashes(candidate)) return candidate;
  }
}

const key = (s: string) => s.trim().toLocaleLowerCase();

function numbered(title: SetText, n: number): SetText {
  const suffix = ` (${n})`;
  // The suffix must fit the title's length cap: the title gives way, not the number.
  const withSuffix = (s: string) =>
    `${s.trim().slice(0, SET_LIMITS.title - suffix.length)}${suffix}`;
  return {
    ...(title.zh === undefined ? {} : { zh: withSuffix(title.zh) }),
    ...(title.en === undefined ? {} : { en: withSuffix(title.en) }),
  };
}
