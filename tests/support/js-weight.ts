import { gzipSync } from "node:zlib";
import type { BrowserContext, Response } from "@playwright/test";

/**
 * The JavaScript a browser really fetched, sized as a gzip transfer: every script response of a
 * context (pages and their workers), once per URL, its decoded body gzip-compressed with node's
 * zlib at the default level. Sizing the bodies ourselves gives the same figure whether or not the
 * server compresses, and a fresh context per measurement makes it a first visit (no cache).
 */
export interface JsFile {
  url: string;
  gzipBytes: number;
}

export interface JsWeight {
  /** Everything fetched so far (waits for the bodies still arriving). */
  snapshot(): Promise<{ gzipBytes: number; files: JsFile[] }>;
}

function isJavaScript(response: Response): boolean {
  const type = response.headers()["content-type"] ?? "";
  return (
    response.request().resourceType() === "script" ||
    /javascript|ecmascript/.test(type) ||
    /\.m?js(\?|$)/.test(new URL(response.url()).pathname)
  );
}

export function recordJsWeight(context: BrowserContext): JsWeight {
  const sizes = new Map<string, Promise<number>>();
  context.on("response", (response) => {
    if (response.status() !== 200 || !isJavaScript(response)) return;
    const url = response.url();
    if (sizes.has(url)) return;
    // A body that cannot be read (the page navigated away mid-transfer) counts as nothing.
    sizes.set(
      url,
      response.body().then(
        (body) => gzipSync(body).length,
        () => 0,
      ),
    );
  });
  return {
    async snapshot() {
      const files = await Promise.all(
        [...sizes].map(async ([url, size]) => ({ url, gzipBytes: await size })),
      );
      files.sort((a, b) => b.gzipBytes - a.gzipBytes);
      return { gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), files };
    },
  };
}

/** 1 KB = 1,000 bytes, as the figures and formatKb count. */
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
