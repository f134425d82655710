"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { avatarInitials } from "@/lib/accounts/initials";
import { useI18n, type MessageKey } from "../lib/i18n";
import { signOut } from "../lib/sign-out";
import type { HeaderUser } from "./site-header";

/**
 * A signed-in account's links: question sets, challenges, events, admin, profile, sign out. On a
 * laptop they sit in the header's row; below 68rem (a phone, a tablet, a narrow window) they
 * would wrap the header to several rows, so they fold into a disclosure menu behind one button that shows the avatar's
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
        {accountLinks(user).map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className="button button-ghost"
            data-testid={link.testId}
            onClick={close}
          >
            {t(link.label)}
          </Link>
        ))}
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

/** The pages a signed-in account may open, by role; each page checks the stored role too. */
function accountLinks(user: HeaderUser): { href: string; label: MessageKey; testId: string }[] {
  const links = [
    { href: "/sets", label: "nav.sets", testId: "nav-sets", shown: true },
    { href: "/challenges", label: "nav.challenges", testId: "nav-challenges", shown: user.canHost },
    { href: "/events", label: "nav.events", testId: "nav-events", shown: user.canOrganise },
    { href: "/admin/users", label: "nav.admin", testId: "nav-admin", shown: user.isAdmin },
  ] as const;
  return links.filter((link) => link.shown === true);
}
