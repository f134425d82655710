import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

/**
 * The machinery under server/db/migrate.ts, kept apart so that file reads as what a migration run
 * does: loading Prisma's schema engine compiled to Wasm, and the driver adapters it reaches the
 * database through, each with the workarounds the engine needs on that database.
 */

// ---------------------------------------------------------------------------------------------
// The Wasm engine. Node cannot `import` a .wasm file (the package's entry does), so instantiate it
// by hand with the package's JS glue as the import object, as the package entry would.

let wasmReady: Promise<void> | undefined;
let activeEngines = 0;
const engineTimers = new Set<NodeJS.Timeout>();

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    const imports: WebAssembly.ModuleImports = { ...(bg as unknown as WebAssembly.ModuleImports) };
    // The engine arms timeouts (10 s) with setTimeout and never clears them, which keeps a CLI
    // alive after its work is done. Unref them, and clear them once no engine is running.
    const setTimeoutImport = Object.keys(imports).find((key) =>
      key.startsWith("__wbg_setTimeout_"),
    );
    if (setTimeoutImport) {
      imports[setTimeoutImport] = (callback: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          callback();
        }, ms >>> 0);
        timer.unref();
        engineTimers.add(timer);
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export async function withEngine<T>(
  factory: TrackingFactory,
  run: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  const logs: string[] = [];
  activeEngines += 1;
  let engine: SchemaEngine | undefined;
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: undefined },
      (line: string) => logs.push(line),
      bound,
    );
    return await run(engine);
  } catch (error) {
    throw engineError(error, logs, bound.errorRegistry);
  } finally {
    engine?.free();
    await factory.disposeAll();
    activeEngines -= 1;
    if (activeEngines === 0) {
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  }
}

/**
 * Engine errors name a database error only by id ("External error id#0"); the error itself (the
 * failing SQL's message) waits in the adapter's registry, as it does for the Prisma CLI.
 */
function engineError(error: unknown, logs: string[], registry: ErrorRegistry): Error {
  const text = (value: unknown) =>
    value instanceof Error
      ? value.message
      : typeof value === "string"
        ? value
        : JSON.stringify(value);
  let detail = text(error);
  const external = /External error id#(\d+)/.exec(detail);
  const cause = external ? registry.consumeError(Number(external[1]))?.error : undefined;
  if (cause !== undefined) detail = `${text(cause)}\n${detail}`;
  const warnings = logs.filter((line) => !/"level":"(INFO|DEBUG|TRACE)"/.test(line));
  const hint = warnings.length > 0 ? `\n${warnings.slice(-5).join("\n")}` : "";
  return new Error(`Schema engine failed: ${detail}${hint}`, { cause: error });
}

// ---------------------------------------------------------------------------------------------
// Driver adapter factories for the engine. The engine disposes a shadow database's adapter but
// never the main one, so each factory remembers what it handed out and closes the rest (pools)
// when the run ends.

type Connector = () => Promise<{ adapter: SqlDriverAdapter; close: () => Promise<void> }>;

export class TrackingFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "kilobyte-arena-migrate";
  private readonly closers = new Set<() => Promise<void>>();

  constructor(
    private readonly main: Connector,
    private readonly shadow: Connector,
  ) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.main);
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.open(this.shadow);
  }

  async disposeAll(): Promise<void> {
    const closers = [...this.closers];
    this.closers.clear();
    for (const close of closers) await close();
  }

  private async open(connector: Connector): Promise<SqlDriverAdapter> {
    const { adapter, close } = await connector();
    let closed: Promise<void> | undefined;
    const closeOnce = () => (closed ??= close());
    this.closers.add(closeOnce);
    adapter.dispose = () => {
      this.closers.delete(closeOnce);
      return closeOnce();
    };
    return adapter;
  }
}

/**
 * PGlite through pglite-prisma-adapter, with its `executeScript` fixed: the adapter does not await
 * `exec`, so a failing migration would be reported as applied. The shadow database is a fresh
 * in-memory PGlite that is closed afterwards (the adapter's own shadow is never closed).
 */
export function pgliteFactory(db: PGlite, options: { shadow?: PGlite } = {}): TrackingFactory {
  // The caller owns `db` (and a given shadow): closing them is not ours to do.
  const connector =
    (client: PGlite, close = async () => {}): Connector =>
    async () => {
      const adapter = await new PrismaPGlite(client).connect();
      adapter.executeScript = async (script: string) => {
        await client.exec(script);
      };
      return { adapter, close };
    };
  const shadow: Connector = options.shadow
    ? connector(options.shadow)
    : async () => {
        const client = new PGlite();
        return connector(client, () => client.close())();
      };
  return new TrackingFactory(connector(db), shadow);
}

/**
 * Postgres through @prisma/adapter-pg, working around what the engine trips over there:
 * - introspection reads `"char"` columns (OID 18, e.g. pg_constraint.contype), which the adapter
 *   rejects as unsupported: the row description is rewritten to report them as text (OID 25);
 * - its `executeScript` splits on every `;` (breaking string literals and function bodies) and
 *   runs statements one by one: we send the script as one simple query, which Postgres runs as a
 *   single implicit transaction, as the native engine does;
 * - its shadow database keeps a connection string's database name (pg lets the string win over a
 *   separate `database` field, so the "shadow" is the real database) and is dropped while its pool
 *   is still connected: ours swaps the name inside the URL and ends the pool before dropping;
 * - idle pools keep the process alive: allowExitOnIdle.
 */
export function postgresFactory(url: string): TrackingFactory {
  const connectTo = async (connectionString: string) => {
    const pool = new pg.Pool({ connectionString, max: 2, allowExitOnIdle: true });
    pool.on("connect", (client) => {
      client.connection.prependListener(
        "rowDescription",
        (message: { fields: { dataTypeID: number }[] }) => {
          for (const field of message.fields)
            if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
        },
      );
    });
    pool.on("error", () => {}); // an idle client's error surfaces on the next query instead
    const adapter = await new PrismaPg(pool).connect();
    adapter.executeScript = async (script: string) => {
      await pool.query(script);
    };
    return { adapter, close: () => pool.end() };
  };
  const main: Connector = () => connectTo(url);
  const shadow: Connector = async () => {
    const name = `prisma_migrate_shadow_db_${crypto.randomUUID().replaceAll("-", "")}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    const { adapter, close: endPool } = await connectTo(shadowUrl.toString());
    const close = async () => {
      await endPool(); // Postgres refuses to drop a database that still has connections
      await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.end();
    };
    return { adapter, close };
  };
  return new TrackingFactory(main, shadow);
}

const CHAR_OID = 18;
const TEXT_OID = 25;
