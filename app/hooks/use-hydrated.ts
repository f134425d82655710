import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * False in the server render and until React has hydrated, true afterwards. Submit buttons stay
 * disabled until then: a form submitted before hydration would do a native GET to the page itself
 * (putting a password in the URL) instead of running our handler. Tests that click as soon as the
 * button is enabled are safe for the same reason.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
