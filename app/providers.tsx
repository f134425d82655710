"use client";

import { SessionProvider } from "next-auth/react";
import type { ReactNode } from "react";

/**
 * Client-side context for the whole app. The session is not refetched on window focus: phones
 * switch apps constantly during a quiz, and nothing on the quiz screens depends on it.
 */
export function Providers({ children }: { children: ReactNode }) {
  return <SessionProvider refetchOnWindowFocus={false}>{children}</SessionProvider>;
}
