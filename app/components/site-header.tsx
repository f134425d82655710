"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useI18n } from "../lib/i18n";
import { avatarInitials } from "@/lib/accounts/initials";
import { LanguageSwitch } from "./language-switch";

export interface HeaderUser {
  name: string;
  email: string;
  /** Shows the admin link; the admin pages check the stored role themselves. */
  isAdmin?: boolean;
  /** Shows the events link (ORGANISER and ADMIN); the event pages check the stored role too. */
  canOrganise?: boolean;
  /** Shows the link to the user's own challenges (hosts and up); /challenges checks it too. */
  canHost?: boolean;
}

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

/** The signed-in user comes from the server's render (app/layout.tsx), null when signed out. */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const { t } = useI18n();
  const pathname = usePathname();
  const [leaving, setLeaving] = useState(false);
  // Players never need an account: on their screens the header keeps to the language switch, as
  // it does on the sign-in pages, which are the account link's destination anyway.
  const hideAccount = ["/play", "/signin", "/signup"].some((prefix) => pathname.startsWith(prefix));
  return (
    <header className="site-header">
      {/* Not prefetched: the start page's join form would bring the socket client to every page
          (results, boards) whether or not anyone goes back to it. */}
      <Link href="/" className="brand" prefetch={false}>
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        Kilobyte Arena
      </Link>
      <nav className="header-nav" aria-label={t("mainNav")}>
        <LanguageSwitch />
        {hideAccount ? null : user ? (
          <>
            <Link href="/sets" className="button button-ghost" data-testid="nav-sets">
              {t("nav.sets")}
            </Link>
            {user.canHost ? (
              <Link href="/challenges" className="button button-ghost" data-testid="nav-challenges">
                {t("nav.challenges")}
              </Link>
            ) : null}
            {user.canOrganise ? (
              <Link href="/events" className="button button-ghost" data-testid="nav-events">
                {t("nav.events")}
              </Link>
            ) : null}
            {user.isAdmin ? (
              <Link href="/admin/users" className="button button-ghost" data-testid="nav-admin">
                {t("nav.admin")}
              </Link>
            ) : null}
            {/* The name on a laptop; on a phone, where it does not fit, the avatar's initials. */}
            <Link
              href="/profile"
              className="header-profile"
              title={user.email}
              data-testid="nav-profile"
            >
              {/* The name is the link's own text (axe: label-content-name-mismatch), announced
                  after a hidden "Profile:" whatever the screen width shows. */}
              <span className="sr-only">{t("nav.profile")}: </span>
              <span className="header-avatar" aria-hidden="true">
                {avatarInitials(user.name)}
              </span>
              <span className="header-user">{user.name}</span>
            </Link>
            <button
              type="button"
              className="button button-ghost"
              disabled={leaving}
              onClick={() => {
                setLeaving(true);
                void signOut();
              }}
            >
              {t("signOut")}
            </button>
          </>
        ) : (
          <Link href="/signin" className="button button-ghost">
            {t("signIn")}
          </Link>
        )}
      </nav>
    </header>
  );
}
