import type { ServerResponse } from "node:http";
import type { ErrorCode } from "@/lib/contract/errors";
import { ERROR_STATUS } from "./web-response";

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
    "cache-control": "no-store",
  });
  res.end(json);
}

export function sendError(
  res: ServerResponse,
  error: ErrorCode,
  extra: Record<string, unknown> = {},
): void {
  sendJson(res, ERROR_STATUS[error] ?? 400, { ok: false, error, ...extra });
}
