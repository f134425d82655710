"use client";

import { useEffect, useRef } from "react";

/** Marks the history entry this guard pushes on top of the page's own. */
const GUARD_KEY = "kbaUnsavedGuard";

const isGuardEntry = (state: unknown) =>
  typeof state === "object" && state !== null && GUARD_KEY in state;

/**
 * Unsaved changes are not lost by accident:
 * - closing or reloading the tab asks the browser's own question (beforeunload);
 * - following a link inside the app asks `message` first. The check runs in the capture phase on
 *   the document, before Next's <Link> sees the click, so "Cancel" stops both the client-side
 *   navigation and the browser's;
 * - the browser's Back button asks too. A page cannot cancel a history traversal, so once there
 *   are changes a second entry for the same URL sits on top of the page's own: Back only steps
 *   down onto the same page (Next restores the same tree, the form keeps its state) and the
 *   popstate that follows asks. "Cancel" steps forward onto the guard entry again; "OK" takes
 *   the real step back. After a save the guard entry stays, and a Back onto the same page is
 *   passed through.
 */
export function useUnsavedGuard(dirty: boolean, message: string): void {
  const state = useRef({ dirty, message, guardAt: null as string | null });
  useEffect(() => {
    state.current.dirty = dirty;
    state.current.message = message;
  }, [dirty, message]);

  useEffect(() => {
    const s = state.current;
    const onPopState = (event: PopStateEvent) => {
      if (isGuardEntry(event.state) || s.guardAt !== window.location.href) return;
      // Stepped down from the guard entry onto the page's own one.
      s.guardAt = null;
      if (!s.dirty || window.confirm(s.message)) {
        s.dirty = false;
        window.history.back();
        return;
      }
      // Stay: step forward onto the guard entry again rather than pushing a new one. Chrome's
      // back button skips entries a page pushed without a user gesture since it arrived, and
      // answering a confirm() is none: a fresh push here would let the next Back skip this page's
      // own entry and leave without asking.
      s.guardAt = window.location.href;
      window.history.forward();
    };
    window.addEventListener("popstate", onPopState);
    return () => window.removeEventListener("popstate", onPopState);
  }, []);

  useEffect(() => {
    if (!dirty) return;
    const s = state.current;
    if (s.guardAt === null) {
      // Next's patched pushState copies its own routing state into ours, so Next can come back.
      // (A reload keeps the entry's state: the guard entry may already be the current one.)
      if (!isGuardEntry(window.history.state))
        window.history.pushState({ [GUARD_KEY]: true }, "", window.location.href);
      s.guardAt = window.location.href;
    }
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      // Already answered "OK" to leave (Back onto a page outside the app unloads this one).
      if (!state.current.dirty) return;
      event.preventDefault();
      // Older browsers need returnValue set to show the prompt.
      event.returnValue = "";
    };
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = event.target instanceof Element ? event.target.closest("a[href]") : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      // Downloads (export) and new tabs leave this page as it is.
      if (anchor.hasAttribute("download") || anchor.target === "_blank") return;
      if (window.confirm(message)) return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, message]);
}
