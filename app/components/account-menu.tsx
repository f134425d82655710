"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { avatarInitials } from "@/lib/accounts/initials";
import { useI18n } from "../lib/i18n";
import type { HeaderUser } from "./site-header";

/**
 * next-auth's sign-out without its client library (which would ship with every page): fetch a
 * CSRF token, POST the sign-out, then load the start page afresh so every screen (and the
 * socket's handshake) sees the cleared cookie.
 */
async function signOut(): Promise<void> {
  try {
    const csrf = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
    await fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: "/", json: "true" }),
    });
  } finally {
    window.location.assign("/");
  }
}

/**
 * A signed-in account's links: question sets, challenges, events, admin, profile, sign out. On a laptop they
 * sit in the header's row; below 50rem (a phone, a narrow tablet) they would wrap the header to
 * three lines, so they fold into a disclosure menu behind one button that shows the avatar's
 * initials. The links stay in the page either way (same test ids, same order), the menu is a
 * plain disclosure (button + aria-expanded, no menu role): Tab walks its links, Escape or a
 * click or focus outside closes it, and following a link closes it.
 */
export function AccountMenu({ user }: { user: HeaderUser }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("focusin", outside);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("focusin", outside);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  // A link followed from the open menu: the next page starts with it closed.
  const close = () => setOpen(false);

  return (
    <div className="account-menu" ref={root} data-open={open}>
      <button
        ref={toggle}
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        data-testid="nav-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <span className="header-avatar" aria-hidden="true">
          {avatarInitials(user.name)}
        </span>
        <span className="menu-caret" aria-hidden="true">
          ▾
        </span>
        <span className="sr-only">{t("nav.menu")}</span>
      </button>
      <div id={menuId} className="account-links">
        <Link href="/sets" className="button button-ghost" data-testid="nav-sets" onClick={close}>
          {t("nav.sets")}
        </Link>
        {user.canHost ? (
          <Link
            href="/challenges"
            className="button button-ghost"
            data-testid="nav-challenges"
            onClick={close}
          >
            {t("nav.challenges")}
          </Link>
        ) : null}
        {user.canOrganise ? (
          <Link
            href="/events"
            className="button button-ghost"
            data-testid="nav-events"
            onClick={close}
          >
            {t("nav.events")}
          </Link>
        ) : null}
        {user.isAdmin ? (
          <Link
            href="/admin/users"
            className="button button-ghost"
            data-testid="nav-admin"
            onClick={close}
          >
            {t("nav.admin")}
          </Link>
        ) : null}
        <Link
          href="/profile"
          className="header-profile"
          title={user.email}
          data-testid="nav-profile"
          onClick={close}
        >
          {/* The name is the link's own text (axe: label-content-name-mismatch), after a
              "Profile:" that only the folded menu shows (a laptop's row shows the name alone). */}
          <span className="sr-only header-profile-label">{t("nav.profileLabel")} </span>
          <span className="header-user">{user.name}</span>
        </Link>
        <button
          type="button"
          className="button button-ghost"
          data-testid="nav-sign-out"
          disabled={leaving}
          onClick={() => {
            setLeaving(true);
            void signOut();
          }}
        >
          {t("signOut")}
        </button>
      </div>
    </div>
  );
}
