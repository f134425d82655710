"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "../lib/i18n";
import { AccountMenu } from "./account-menu";
import { LanguageSwitch } from "./language-switch";
import "./site-header.css";

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

/** The signed-in user comes from the server's render (app/layout.tsx), null when signed out. */
export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const { t } = useI18n();
  const pathname = usePathname();
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
          <AccountMenu user={user} />
        ) : (
          <Link href="/signin" className="button button-ghost">
            {t("signIn")}
          </Link>
        )}
      </nav>
    </header>
  );
}
