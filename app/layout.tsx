import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./components/site-header";
import { SkipLink } from "./components/skip-link";
import { htmlLang } from "./lib/locale";
import { LocaleProvider } from "./lib/locale-provider";
import { messagesFor, requestLocale } from "./lib/server-locale";
import { translate } from "./lib/translate";
import { canOrganise } from "@/lib/events/schema";
import { may, type Role } from "@/lib/accounts/roles";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import "./globals.css";
// The rest of the styles, by area, so that each file stays readable.
import "./forms.css";
import "./game.css";
import "./host.css";
import "./standings.css";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: "Kilobyte Arena", description: translate(messages, "meta.description") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Players pinch-zoom code listings; never disable zoom.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7fb" },
    { media: "(prefers-color-scheme: dark)", color: "#12131a" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The server picks the language (cookie, else Accept-Language): the first paint is already in
  // it and hydration matches. Only this language's messages travel with the page.
  // The header's account part comes from the server too: signing in or out ends in a full page
  // load (auth-forms, site-header), so it is never stale, and no session client ships with pages.
  const [locale, user] = await Promise.all([requestLocale(), getSessionUser()]);
  const role = user ? await storedRole(user.id, user.role) : null;
  return (
    <html lang={htmlLang(locale)}>
      <body>
        <LocaleProvider seed={{ locale, messages: messagesFor(locale) }}>
          <SkipLink />
          <SiteHeader
            user={
              user && {
                name: user.name,
                email: user.email,
                isAdmin: role === "ADMIN",
                canOrganise: role !== null && canOrganise(role),
                canHost: role !== null && may(role, "host"),
              }
            }
          />
          <div id="content" className="content">
            {children}
          </div>
        </LocaleProvider>
      </body>
    </html>
  );
}

/**
 * The role as stored now, for the header's links: the session's copy is from sign-in, so an
 * account an admin just made ORGANISER would not find its events link until it signed in again.
 * One primary-key read; if the database cannot answer, the session's copy will do for links
 * (every privileged page and route checks the stored role itself).
 */
async function storedRole(userId: string, sessionRole: Role): Promise<Role> {
  try {
    return (await appContext().repos.accounts.role(userId)) ?? sessionRole;
  } catch {
    return sessionRole;
  }
}
