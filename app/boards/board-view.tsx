"use client";

import Link from "next/link";
import { BOARD_KINDS, boardSearch, SCOPES_OF, type BoardParams } from "@/lib/boards/query";
import { BOARD_WINDOWS } from "@/lib/boards/windows";
import { CODING_VARIANTS } from "@/lib/coding/round";
import type { BoardPage } from "@/lib/contract/boards";
import type { ErrorCode } from "@/lib/contract/errors";
import { useI18n } from "../lib/i18n";
import { BoardTable, YourStanding } from "./board-table";
import "../compact-tables.css";
import "./boards.css";

export interface BoardSetOption {
  id: string;
  title: { zh?: string; en?: string };
}

type ViewResult = { ok: true; data: BoardPage } | { ok: false; error: ErrorCode; fields: string[] };

const DEFAULT_VIEW: Pick<BoardParams, "board" | "window" | "scope" | "q"> = {
  board: "combined",
  window: "all",
  scope: { kind: "everyone" },
  q: null,
};

/** The board page: switches (board, window, scope), search, the ranked table, pages, "you". */
export function BoardView(props: {
  result: ViewResult;
  params?: BoardParams;
  sets: BoardSetOption[];
}) {
  const { t, te, locale } = useI18n();
  const view = props.params ?? DEFAULT_VIEW;
  const href = (change: Partial<BoardParams>) =>
    `/boards?${boardSearch({ ...view, ...change, page: change.page ?? 1 })}`;
  const setTitle = (s: BoardSetOption) => s.title[locale] ?? s.title.en ?? s.title.zh ?? s.id;
  const currentSet = view.scope.kind === "set" ? view.scope.setId : "";

  return (
    <section className="standings" aria-labelledby="standings-title">
      <h1 id="standings-title">{t("standings.title")}</h1>
      <p className="muted">{t("standings.intro")}</p>

      <nav className="board-switch" aria-label={t("standings.boardNav")}>
        {BOARD_KINDS.map((b) => (
          <Link
            key={b}
            href={href({ board: b, scope: { kind: "everyone" } })}
            aria-current={view.board === b ? "page" : undefined}
            data-testid={`board-${b}`}
          >
            {t(`standings.board.${b}`)}
          </Link>
        ))}
      </nav>
      <p className="muted standings-about">{t(`standings.about.${view.board}`)}</p>

      <nav className="board-switch" aria-label={t("standings.windowNav")}>
        {BOARD_WINDOWS.map((w) => (
          <Link
            key={w}
            href={href({ window: w })}
            aria-current={view.window === w ? "page" : undefined}
          >
            {t(`standings.window.${w}`)}
          </Link>
        ))}
      </nav>

      {SCOPES_OF[view.board].length > 1 ? (
        <nav className="board-switch" aria-label={t("standings.scopeNav")}>
          <Link
            href={href({ scope: { kind: "everyone" } })}
            aria-current={view.scope.kind === "everyone" ? "page" : undefined}
          >
            {t("standings.scope.everyone")}
          </Link>
          {SCOPES_OF[view.board].includes("variant")
            ? CODING_VARIANTS.map((v) => (
                <Link
                  key={v}
                  href={href({ scope: { kind: "variant", variant: v } })}
                  aria-current={
                    view.scope.kind === "variant" && view.scope.variant === v ? "page" : undefined
                  }
                >
                  {t(`standings.scope.${v}`)}
                </Link>
              ))
            : null}
          {SCOPES_OF[view.board].includes("set") && props.sets.length > 0 ? (
            <form action="/boards" className="board-set-form">
              <input type="hidden" name="board" value={view.board} />
              <input type="hidden" name="window" value={view.window} />
              <input type="hidden" name="scope" value="set" />
              <select
                name="set"
                defaultValue={currentSet}
                key={currentSet}
                aria-label={t("standings.scope.set")}
                // The set scope has no pill: the select itself shows it is the current scope.
                className={view.scope.kind === "set" ? "board-set-current" : undefined}
              >
                {currentSet === "" ? <option value="">{t("standings.scope.set")}</option> : null}
                {/* An unlisted or own private set in the address is not in the public list. */}
                {currentSet !== "" && !props.sets.some((s) => s.id === currentSet) ? (
                  <option value={currentSet}>{currentSet}</option>
                ) : null}
                {props.sets.map((s) => (
                  <option key={s.id} value={s.id}>
                    {setTitle(s)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button button-ghost">
                {t("standings.show")}
              </button>
            </form>
          ) : null}
        </nav>
      ) : null}

      <form action="/boards" className="board-search" role="search">
        <input type="hidden" name="board" value={view.board} />
        <input type="hidden" name="window" value={view.window} />
        {view.scope.kind !== "everyone" ? (
          <input type="hidden" name="scope" value={view.scope.kind} />
        ) : null}
        {view.scope.kind === "set" ? (
          <input type="hidden" name="set" value={view.scope.setId} />
        ) : null}
        {view.scope.kind === "variant" ? (
          <input type="hidden" name="variant" value={view.scope.variant} />
        ) : null}
        <input
          type="search"
          name="q"
          maxLength={50}
          defaultValue={view.q ?? ""}
          key={view.q ?? ""}
          aria-label={t("standings.search")}
          placeholder={t("standings.search")}
          data-testid="board-search"
        />
        <button type="submit" className="button">
          {t("standings.searchButton")}
        </button>
        {view.q ? (
          <Link href={href({ q: null })} className="button button-ghost">
            {t("standings.clearSearch")}
          </Link>
        ) : null}
      </form>

      {props.result.ok ? (
        <Board page={props.result.data} q={view.q} href={href} />
      ) : (
        <div className="card" role="alert" data-testid="board-error">
          <p>
            {props.result.error === "INVALID_PAYLOAD"
              ? t("standings.badQuery", { fields: props.result.fields.join(", ") })
              : te(props.result.error)}
          </p>
          <Link href="/boards" className="button">
            {t("standings.reset")}
          </Link>
        </div>
      )}
      <p className="muted standings-hint">{t("standings.windowHint")}</p>
      <nav className="board-switch standings-best" aria-label={t("standings.bestModels")}>
        {CODING_VARIANTS.map((v) => (
          <Link key={v} href={`/boards/${v}`}>
            {t("standings.bestModels")}: {t(`standings.scope.${v}`)}
          </Link>
        ))}
      </nav>
    </section>
  );
}

function Board(props: {
  page: BoardPage;
  q: string | null;
  href: (c: Partial<BoardParams>) => string;
}) {
  const { t } = useI18n();
  const { page } = props;
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const youOnPage = page.rows.some((r) => r.you);
  return (
    <>
      {page.rows.length === 0 ? (
        <p className="card">
          {props.q ? t("standings.noMatch", { q: props.q }) : t("standings.empty")}
        </p>
      ) : (
        <BoardTable page={page} />
      )}
      {page.you && !youOnPage ? (
        <YourStanding
          you={page.you}
          combined={page.board === "combined"}
          pageHref={page.you.page !== null ? props.href({ page: page.you.page, q: null }) : null}
        />
      ) : null}
      <nav className="board-pages" aria-label={t("standings.pagination")}>
        {page.page > 1 ? (
          <Link
            href={props.href({ page: page.page - 1 })}
            className="button button-ghost"
            rel="prev"
          >
            {t("standings.prev")}
          </Link>
        ) : null}
        <span className="muted" data-testid="board-page">
          {t("standings.page", { page: page.page, pages: pages.toLocaleString() })} ·{" "}
          {t("standings.total", { count: page.total.toLocaleString() })}
        </span>
        {page.page < pages ? (
          <Link
            href={props.href({ page: page.page + 1 })}
            className="button button-ghost"
            rel="next"
          >
            {t("standings.next")}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
