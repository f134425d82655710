"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { ROLES, type Role } from "@/lib/accounts/roles";
import type { AdminUserRow } from "@/lib/contract/accounts";
import type { ErrorCode } from "@/lib/contract/errors";
import { ErrorMessage } from "../../components/error-message";
import { useI18n } from "../../lib/i18n";
import { callApi } from "../../profile/account-api";
import "../../compact-tables.css";

interface UserPage {
  users: AdminUserRow[];
  total: number;
  page: number;
  pageSize: number;
}

function fetchPage(search: { q: string; page: number }) {
  const params = new URLSearchParams({ q: search.q, page: String(search.page) });
  return callApi<UserPage>(`/api/admin/users?${params}`, "GET");
}

/** What the page last said about a role change: saving, saved, or refused (with the reason). */
type Notice =
  | { kind: "saving" | "saved"; name: string; role: Role }
  | { kind: "refused"; id: string; name: string; role: Role; error: ErrorCode };

/**
 * Search accounts, and grant or revoke a role with one select per row. A select shows the role
 * just chosen while it is saved (marked busy), then the role the server confirms; a refusal puts
 * the stored role back and says why. Changes to one account go to the server one at a time, in
 * the order chosen, so quick changes (arrow keys on a closed select) cannot land out of order.
 */
export function AdminUsers({ selfId }: { selfId: string }) {
  const { t, te } = useI18n();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState({ q: "", page: 1 });
  const [data, setData] = useState<UserPage | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  // The role each select shows while its change is on the way, by account id.
  const [pending, setPending] = useState<Partial<Record<string, Role>>>({});
  // Per account: the newest role asked for, and the chain of requests still to run.
  const wanted = useRef(new Map<string, Role>());
  const queues = useRef(new Map<string, Promise<void>>());
  // Bumped after a refusal, so the table reloads what is stored now (another admin may have
  // changed it meanwhile).
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    void fetchPage(search).then((result) => {
      if (!live) return;
      if (result.ok) setData(result.data);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [search, version]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearch({ q: query.trim(), page: 1 });
  };

  /** The stored row, replaced by what the server answered. */
  const confirm = (row: AdminUserRow) =>
    setData((page) =>
      page ? { ...page, users: page.users.map((u) => (u.id === row.id ? row : u)) } : page,
    );

  const send = async (user: AdminUserRow, role: Role) => {
    // A newer choice for this account came in while an older one was saving: only it is sent.
    if (wanted.current.get(user.id) !== role) return;
    const result = await callApi<AdminUserRow>(`/api/admin/users/${user.id}`, "PATCH", { role });
    const latest = wanted.current.get(user.id) === role;
    if (result.ok) confirm(result.data);
    if (!latest) return;
    wanted.current.delete(user.id);
    setPending(({ [user.id]: _, ...rest }) => rest);
    if (result.ok) {
      setNotice({ kind: "saved", name: result.data.name, role: result.data.role });
    } else {
      setNotice({ kind: "refused", id: user.id, name: user.name, role, error: result.error });
      setVersion((v) => v + 1);
    }
  };

  const change = (user: AdminUserRow, role: Role) => {
    setError(null);
    wanted.current.set(user.id, role);
    setPending((p) => ({ ...p, [user.id]: role }));
    setNotice({ kind: "saving", name: user.name, role });
    const previous = queues.current.get(user.id) ?? Promise.resolve();
    queues.current.set(
      user.id,
      previous.then(() => send(user, role)),
    );
  };

  const storedRole = (id: string) => {
    const role = data?.users.find((u) => u.id === id)?.role;
    return role ? t(`role.${role}`) : "—";
  };

  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <section aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin.title")}</h1>
      <form className="admin-search" role="search" onSubmit={submit}>
        <label className="field">
          <span>{t("admin.search")}</span>
          <input
            type="search"
            value={query}
            maxLength={100}
            onChange={(event) => setQuery(event.target.value)}
            data-testid="admin-search"
          />
        </label>
        <button type="submit" className="button">
          {t("admin.searchButton")}
        </button>
      </form>
      <ErrorMessage code={error} />
      {/* Always in the page, so screen readers announce each new text in it. */}
      <div role="status">
        {notice && notice.kind !== "refused" ? (
          <p className="banner" data-testid="admin-status" data-state={notice.kind}>
            {t(notice.kind === "saving" ? "admin.saving" : "admin.saved", {
              name: notice.name,
              role: t(`role.${notice.role}`),
            })}
          </p>
        ) : null}
      </div>
      {notice?.kind === "refused" ? (
        <div data-testid="admin-refused" data-error={notice.error}>
          <ErrorMessage
            text={t("admin.refused", {
              name: notice.name,
              role: t(`role.${notice.role}`),
              stored: storedRole(notice.id),
              reason: te(notice.error),
            })}
          />
        </div>
      ) : null}
      {data && data.users.length === 0 ? <p className="card muted">{t("admin.none")}</p> : null}
      {data && data.users.length > 0 ? (
        <>
          <p className="muted">{t("admin.total", { n: data.total })}</p>
          <div className="table-scroll">
            <table className="results-table compact-table" data-testid="admin-users">
              <thead>
                <tr>
                  <th scope="col">{t("admin.col.name")}</th>
                  <th scope="col" className="wide-only">
                    {t("admin.col.email")}
                  </th>
                  <th scope="col" className="wide-only">
                    {t("admin.col.joined")}
                  </th>
                  <th scope="col">{t("admin.col.role")}</th>
                </tr>
              </thead>
              <tbody>
                {data.users.map((user) => (
                  <tr key={user.id} data-email={user.email}>
                    <th scope="row">
                      {user.name}
                      {user.id === selfId ? ` (${t("you")})` : ""}
                      <span className="cell-sub phone-only">{user.email}</span>
                    </th>
                    <td className="wide-only">{user.email}</td>
                    <td className="wide-only">{user.createdAt.slice(0, 10)}</td>
                    <td>
                      <select
                        className="role-select"
                        aria-label={t("admin.roleFor", { name: user.name })}
                        value={pending[user.id] ?? user.role}
                        aria-busy={pending[user.id] !== undefined}
                        data-state={pending[user.id] === undefined ? "stored" : "saving"}
                        onChange={(event) => change(user, event.target.value as Role)}
                        data-testid="role-select"
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label={t("admin.page", { page: data.page, pages })}>
            <button
              type="button"
              className="button button-ghost"
              disabled={data.page <= 1}
              onClick={() => setSearch((s) => ({ ...s, page: s.page - 1 }))}
            >
              {t("admin.prev")}
            </button>
            <span>{t("admin.page", { page: data.page, pages })}</span>
            <button
              type="button"
              className="button button-ghost"
              disabled={data.page >= pages}
              onClick={() => setSearch((s) => ({ ...s, page: s.page + 1 }))}
            >
              {t("admin.next")}
            </button>
          </nav>
        </>
      ) : null}
    </section>
  );
}
