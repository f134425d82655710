/**
 * How options are told apart: a shape AND a letter AND a colour, so nobody depends on colour
 * alone (colour-blind players, projectors that wash colours out). Index i uses entry i everywhere:
 * player buttons, host screen, reveal chart.
 */
export const OPTION_SHAPES = ["▲", "◆", "●", "■", "★", "⬟"] as const;
export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F"] as const;

export function optionShape(index: number): string {
  return OPTION_SHAPES[index % OPTION_SHAPES.length] ?? "";
}

export function optionLetter(index: number): string {
  return OPTION_LETTERS[index] ?? String(index + 1);
}

/** True/false get their own pair: a check and a cross read the same in every language. */
export const TRUE_SHAPE = "✔";
export const FALSE_SHAPE = "✖";
