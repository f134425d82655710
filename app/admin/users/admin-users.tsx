"use client";

import { useEffect, useState, type FormEvent } from "react";
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

/** Search accounts, and grant or revoke a role with one select per row. */
export function AdminUsers({ selfId }: { selfId: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState({ q: "", page: 1 });
  const [data, setData] = useState<UserPage | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  // Bumped after a change, so the table reloads what is stored now.
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

  const change = async (user: AdminUserRow, role: Role) => {
    setError(null);
    setStatus(null);
    const result = await callApi<AdminUserRow>(`/api/admin/users/${user.id}`, "PATCH", { role });
    if (!result.ok) {
      setError(result.error);
    } else {
      setStatus(t("admin.saved", { name: result.data.name, role: t(`role.${result.data.role}`) }));
    }
    // Either way the table shows what is stored now (a refused change snaps back).
    setVersion((v) => v + 1);
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
      {status ? (
        <p role="status" className="banner" data-testid="admin-status">
          {status}
        </p>
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
                        aria-label={t("admin.roleFor", { name: user.name })}
                        value={user.role}
                        onChange={(event) => void change(user, event.target.value as Role)}
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
