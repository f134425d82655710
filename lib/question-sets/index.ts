/**
 * Question sets: validation, import and export (JSON and CSV), and selection for a room. Pure and
 * isomorphic: the authoring screen and the server share every rule.
 */
export * from "./schema";
export * from "./issues";
export * from "./json-format";
export * from "./csv";
export * from "./selection";
export { requiredLanguages } from "./rules";
