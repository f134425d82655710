/**
 * The avatar's letters: the first letters of the first two words ("Ada Lovelace" -> "AL"), or the
 * first two characters of a one-word name. Chinese names have no spaces: "王小明" -> "王小".
 * Whole code points, so an emoji or a CJK extension character is never cut in half.
 */
export function avatarInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  if (words.length === 1) return [...(words[0] ?? "")].slice(0, 2).join("").toUpperCase();
  return words
    .slice(0, 2)
    .map((word) => [...word][0] ?? "")
    .join("")
    .toUpperCase();
}

/** A stable hue for the avatar's background, from the user id (same person, same colour). */
export function avatarHue(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return hash;
}
