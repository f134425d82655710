/**
 * Freezes everything reachable, so any mutation by the engine throws: the reducer tests hand the
 * engine frozen states to prove it never changes its input (refused events change nothing).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
