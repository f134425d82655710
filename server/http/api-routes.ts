import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger";
import { sendError } from "./http-util";
import { serveTrainingData } from "./training-data";

/**
 * The one endpoint still served beside Next rather than by a route handler:
 *   GET /api/training-data    the MNIST training split for the lab
 * Returns false for any other path (Next handles it).
 */
export function createApiRoutes(deps: { logger: Logger }) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const { pathname } = new URL(req.url ?? "/", "http://local");
    if (pathname !== "/api/training-data" || (req.method !== "GET" && req.method !== "HEAD")) {
      return false;
    }
    serveTrainingData(req, res).catch((error: unknown) => {
      deps.logger.error("api request failed", { path: pathname, error: String(error) });
      if (!res.headersSent) sendError(res, "INTERNAL");
      else res.end();
    });
    return true;
  };
}
