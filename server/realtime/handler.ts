import type { z } from "zod";
import { err, type ErrorCode, type Result } from "@/lib/contract/errors";
import type { ClientToServer } from "@/lib/contract/events";
import type { Logger } from "../logger";
import type { ArenaSocket } from "./socket-types";

/**
 * How much one socket may ask of the server at once. The UI sends one request at a time (two or
 * three around a reconnect), so 16 in flight is far above any honest client; past it a request
 * is answered BUSY without running. A socket that keeps pipelining while busy (more than
 * `maxRefused` refusals before it lets its requests drain) is disconnected: without this bound,
 * one client that pipelined 40,000 requests held 40,000 pending handlers (~400 MB).
 */
export interface RequestBudget {
  maxInFlight: number;
  maxRefused: number;
}
export const DEFAULT_REQUEST_BUDGET: RequestBudget = { maxInFlight: 16, maxRefused: 64 };

interface Gate {
  budget: RequestBudget;
  inFlight: number;
  /** Refusals since the socket last had nothing in flight. */
  refused: number;
}
const gates = new WeakMap<ArenaSocket, Gate>();

/** Told of every ack with the time since the request arrived (server/observability/metrics.ts). */
export type RequestObserver = (event: string, result: Result<unknown>, seconds: number) => void;
const observers = new WeakMap<ArenaSocket, RequestObserver>();

/** Observes every request this socket makes, refused ones (BUSY, INVALID_PAYLOAD) included. */
export function observeRequests(socket: ArenaSocket, observer: RequestObserver): void {
  observers.set(socket, observer);
}

/** Sets the socket's budget (socket-server does it on connection; the default otherwise). */
export function setRequestBudget(socket: ArenaSocket, budget: RequestBudget): void {
  gates.set(socket, { budget, inFlight: 0, refused: 0 });
}

function gateOf(socket: ArenaSocket): Gate {
  let gate = gates.get(socket);
  if (!gate) {
    gate = { budget: DEFAULT_REQUEST_BUDGET, inFlight: 0, refused: 0 };
    gates.set(socket, gate);
  }
  return gate;
}

/**
 * Registers a request handler: the payload is parsed with its zod schema first (a malformed one
 * is answered INVALID_PAYLOAD and reaches no game code), the handler's Result is the ack, and an
 * exception becomes INTERNAL instead of an unanswered request. A client that sends no ack
 * callback still gets the work done, just no answer.
 *
 * The ack is the last argument when it is a function; a request is exactly one payload (plus the
 * ack). Any other shape (`emit("room:join", payload, extra, ack)`) is answered INVALID_PAYLOAD
 * and runs nothing: before, the ack sat in the payload's place and no answer ever came.
 */
export function onRequest<E extends keyof ClientToServer, S extends z.ZodType, T>(
  socket: ArenaSocket,
  logger: Logger,
  event: E,
  schema: S,
  handle: (payload: z.output<S>) => Promise<Result<T>>,
  /** A more precise code for some invalid payloads (e.g. NICKNAME_INVALID); default INVALID_PAYLOAD. */
  invalid: (error: z.ZodError) => ErrorCode = () => "INVALID_PAYLOAD",
): void {
  const listener = (...args: unknown[]): void => {
    const arrived = performance.now();
    const last = args.at(-1);
    const hasAck = typeof last === "function";
    const ack = hasAck ? (last as (r: Result<T>) => void) : () => undefined;
    const reply = (result: Result<T>) => {
      ack(result);
      observers.get(socket)?.(event, result, (performance.now() - arrived) / 1000);
    };
    const gate = gateOf(socket);
    if (gate.inFlight >= gate.budget.maxInFlight) {
      gate.refused += 1;
      reply(err("BUSY"));
      if (gate.refused > gate.budget.maxRefused && socket.connected) {
        logger.warn("socket disconnected: too many requests in flight", {
          event,
          inFlight: gate.inFlight,
          refused: gate.refused,
        });
        socket.disconnect(true);
      }
      return;
    }
    if (args.length !== (hasAck ? 2 : 1)) {
      reply(err("INVALID_PAYLOAD"));
      return;
    }
    const parsed = schema.safeParse(args[0]);
    if (!parsed.success) {
      reply(err(invalid(parsed.error)));
      return;
    }
    gate.inFlight += 1;
    handle(parsed.data)
      .then(reply, (error: unknown) => {
        logger.error("handler failed", {
          event,
          error: String(error),
          stack: (error as Error)?.stack,
        });
        reply(err("INTERNAL"));
      })
      .finally(() => {
        gate.inFlight -= 1;
        if (gate.inFlight === 0) gate.refused = 0;
      });
  };
  // The listener is typed by `handle` above; the socket.io overloads cannot see through E.
  socket.on(event, listener as never);
}
