import pino, { type DestinationStream } from "pino";

/**
 * The one logger of the process: pino, writing one JSON object per line to stdout through its
 * default destination (written from this thread without blocking it, flushed at exit; no
 * transport, so no worker thread), for the custom server, the room runtime, the evaluator and
 * Next's route handlers alike. Call sites keep a small interface of
 * their own, `logger.info(message, fields)`, so none of them depends on pino's argument order.
 */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose every line also carries `bindings` (`{ room: code }`, `{ component: "db" }`). */
  child(bindings: Record<string, unknown>): Logger;
}

const LEVELS = ["debug", "info", "warn", "error", "silent"] as const;

export interface LoggerOptions {
  /** Where the lines go; stdout when absent. Tests pass a stream to read them back. */
  destination?: DestinationStream;
  /** Fields on every line, e.g. `{ node: "app1" }`. */
  base?: Record<string, unknown>;
}

export function createLogger(
  level: LogLevel = defaultLevel(),
  options: LoggerOptions = {},
): Logger {
  const logger = pino(
    {
      level,
      base: { pid: process.pid, ...options.base },
      timestamp: pino.stdTimeFunctions.isoTime,
      // "level":"info" rather than 30: readable by people and by log shippers alike.
      formatters: { level: (label) => ({ level: label }) },
      messageKey: "message",
      // Call sites pass errors as `error` (an Error or a string): an Error keeps type and stack.
      serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
    },
    options.destination,
  );
  return wrap(logger);
}

function wrap(logger: pino.Logger): Logger {
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
    child: (bindings) => wrap(logger.child(bindings)),
  };
}

/**
 * LOG_LEVEL when it is set and valid; otherwise quiet under tests (vitest sets NODE_ENV=test) and
 * "info" everywhere else. Only for loggers made before the config is read (the evaluator's child
 * process, a library default); the server itself passes the validated config's level.
 */
export function defaultLevel(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const wanted = env.LOG_LEVEL as LogLevel | undefined;
  if (wanted && LEVELS.includes(wanted)) return wanted;
  return env.NODE_ENV === "test" ? "silent" : "info";
}

const KEY = Symbol.for("kilobyte-arena.logger");
type Holder = { [KEY]?: Logger };

/**
 * The process's logger, for code that has no logger handed to it: Next's route handlers and
 * next-auth callbacks run in separately bundled modules, so it is kept on globalThis (as the app
 * context is). The server installs its own at start-up; before that, one at the default level.
 */
export function processLogger(): Logger {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createLogger());
}

export function setProcessLogger(logger: Logger): void {
  (globalThis as Holder)[KEY] = logger;
}
