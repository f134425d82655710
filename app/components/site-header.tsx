"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut, useSession } from "next-auth/react";
import { useI18n } from "../lib/i18n";
import { LanguageSwitch } from "./language-switch";

export function SiteHeader() {
  const { t } = useI18n();
  const { data: session, status } = useSession();
  const pathname = usePathname();
  // Players never need an account: on their screens the header keeps to the language switch, as
  // it does on the sign-in pages, which are the account link's destination anyway.
  const hideAccount = ["/play", "/signin", "/signup"].some((prefix) => pathname.startsWith(prefix));
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        Kilobyte Arena
      </Link>
      <nav className="header-nav" aria-label={t("mainNav")}>
        <LanguageSwitch />
        {hideAccount ? null : status === "authenticated" ? (
          <>
            <span className="header-user" title={session.user?.email ?? undefined}>
              {session.user?.name}
            </span>
            <button
              type="button"
              className="button button-ghost"
              onClick={() => void signOut({ callbackUrl: "/" })}
            >
              {t("signOut")}
            </button>
          </>
        ) : status === "unauthenticated" ? (
          <Link href="/signin" className="button button-ghost">
            {t("signIn")}
          </Link>
        ) : null}
      </nav>
    </header>
  );
}
