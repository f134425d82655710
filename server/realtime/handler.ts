import type { z } from "zod";
import { err, type ErrorCode, type Result } from "@/lib/contract/errors";
import type { ClientToServer } from "@/lib/contract/events";
import type { Logger } from "../logger";
import type { ArenaSocket } from "./socket-types";

/**
 * Registers a request handler: the payload is parsed with its zod schema first (a malformed one
 * is answered INVALID_PAYLOAD and reaches no game code), the handler's Result is the ack, and an
 * exception becomes INTERNAL instead of an unanswered request. A client that sends no ack
 * callback still gets the work done, just no answer.
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
  const listener = (payload: unknown, ack: unknown): void => {
    const reply = typeof ack === "function" ? (ack as (r: Result<T>) => void) : () => undefined;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      reply(err(invalid(parsed.error)));
      return;
    }
    handle(parsed.data).then(reply, (error: unknown) => {
      logger.error("handler failed", {
        event,
        error: String(error),
        stack: (error as Error)?.stack,
      });
      reply(err("INTERNAL"));
    });
  };
  // The listener is typed by `handle` above; the socket.io overloads cannot see through E.
  socket.on(event, listener as never);
}
