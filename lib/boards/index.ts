/** Persistent boards: pure rules (windows, the combined formula, ranking, query schemas). */
export * from "./formula";
export * from "./query";
export * from "./ranking";
export * from "./windows";
