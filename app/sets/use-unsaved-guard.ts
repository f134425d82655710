"use client";

import { useEffect } from "react";

/**
 * Unsaved changes are not lost by accident: closing or reloading the tab asks the browser's own
 * question (beforeunload), and following a link inside the app asks `message` first. The link
 * check runs in the capture phase on the document, before Next's <Link> sees the click, so a
 * "Cancel" stops both the client-side navigation and the browser's.
 */
export function useUnsavedGuard(dirty: boolean, message: string): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
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
