import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { may } from "@/lib/accounts/roles";
import { getSessionUser } from "@/server/auth/auth-options";
import { appContext } from "@/server/context";
import { ErrorMessage } from "../../components/error-message";
import { messagesFor, requestLocale } from "../../lib/server-locale";
import { translate } from "../../lib/translate";
import { AdminUsers } from "./admin-users";
import "../../profile/profile.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const messages = messagesFor(await requestLocale());
  return { title: `${translate(messages, "meta.adminTitle")} · Kilobyte Arena` };
}

/**
 * Accounts and their roles, for admins. The role is read from the database (not the session),
 * as the API does: a revoked admin sees the refusal on their next page load. The page is only the
 * UI: every change goes through PATCH /api/admin/users/:id, which checks again.
 */
export default async function AdminUsersPage() {
  const { repos } = appContext();
  const session = await getSessionUser();
  if (!session) redirect("/signin?callbackUrl=%2Fadmin%2Fusers");
  const role = await repos.accounts.role(session.id);
  if (!role || !may(role, "manageRoles"))
    return (
      <main className="narrow">
        <ErrorMessage code="ROLE_REQUIRED" />
      </main>
    );
  return (
    <main className="wide">
      <AdminUsers selfId={session.id} />
    </main>
  );
}
