import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger";
import { sendError } from "./http-util";
import { checkOrigin, isStateChanging, type OriginPolicy } from "./origin";

export interface RequestListenerDeps {
  policy: OriginPolicy;
  logger: Logger;
  /** Everything else: Next's request handler (the integration tests pass the route handlers). */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * The HTTP server's one request listener (Socket.IO answers its own path beside it). Checks that
 * hold for every route run here, once, before any route: a path that does not decode and a
 * state change from a foreign Origin are refused with a typed error.
 */
export function createRequestListener(deps: RequestListenerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.url?.startsWith("/socket.io/")) return;
    // Rate limits key on the client address: a forged X-Forwarded-For must not pick its own key.
    if (!deps.policy.trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
    logRequest(req, res, deps.logger);
    if (refused(req, res, deps)) return;
    deps.handle(req, res).catch((error: unknown) => {
      deps.logger.error("request failed", { method: req.method, path: pathOf(req.url), error });
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
}

/**
 * One structured line per HTTP request when it ends: debug for most (pages and assets are many),
 * warn for a server error. The path only: a query string may carry a token.
 */
function logRequest(req: IncomingMessage, res: ServerResponse, logger: Logger): void {
  const started = performance.now();
  res.once("finish", () => {
    const status = res.statusCode;
    const fields = {
      method: req.method,
      path: pathOf(req.url),
      status,
      ms: Math.round(performance.now() - started),
    };
    if (status >= 500) logger.warn("request", fields);
    else logger.debug("request", fields);
  });
}

/** True when the request was answered with a refusal. */
export function refused(
  req: IncomingMessage,
  res: ServerResponse,
  deps: Pick<RequestListenerDeps, "policy" | "logger">,
): boolean {
  // Next decodes path segments and answers 500 on "%E0%A4%A" or a lone "%".
  if (!decodes(pathOf(req.url))) {
    sendError(res, "INVALID_PAYLOAD");
    return true;
  }
  if (isStateChanging(req.method) && checkOrigin(req.headers, deps.policy) === "foreign") {
    deps.logger.warn("refused a state change from a foreign origin", {
      method: req.method,
      path: pathOf(req.url),
      origin: req.headers.origin ?? req.headers.referer,
      hint: "behind an https proxy, set TRUST_PROXY=1 or PUBLIC_URL",
    });
    sendError(res, "FORBIDDEN_ORIGIN");
    return true;
  }
  return false;
}

function pathOf(url: string | undefined): string {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return path.split("#")[0] ?? "/";
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
