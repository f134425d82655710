/**
 * Short-text answers are compared after normalisation: Unicode NFKC (full-width -> ASCII), lower
 * case, and every space, punctuation mark and symbol removed. "Tensor-Flow " and "ｔｅｎｓｏｒｆｌｏｗ"
 * both become "tensorflow"; Chinese text is kept as is apart from its punctuation.
 */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "");
}
