import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./components/site-header";
import { SkipLink } from "./components/skip-link";
import { Providers } from "./providers";
import "./globals.css";
// The rest of the styles, by area, so that each file stays readable.
import "./forms.css";
import "./game.css";
import "./host.css";
import "./standings.css";

export const metadata: Metadata = {
  title: "Kilobyte Arena",
  description: "Self-hostable live quizzes: host on a big screen, play on your phone.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  // Players pinch-zoom code listings; never disable zoom.
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#f6f7fb" },
    { media: "(prefers-color-scheme: dark)", color: "#12131a" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  // lang is corrected on the client once the reader's language is known (app/lib/i18n).
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Providers>
          <SkipLink />
          <SiteHeader />
          <div id="content" className="content">
            {children}
          </div>
        </Providers>
      </body>
    </html>
  );
}
