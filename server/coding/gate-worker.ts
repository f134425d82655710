import { createHash } from "node:crypto";
import { parentPort, threadId } from "node:worker_threads";
import { gateUpload } from "../../lib/model/gate";
import type { GateReply, GateRequest } from "./gate-pool";

/**
 * The upload gate's thread (see gate-pool.ts). Everything O(body) an upload costs runs here:
 * the depth scan, UTF-8 decoding, JSON.parse, weight decoding, gzip -9 and the SHA-256 that
 * identifies the stored bytes. The body comes in transferred and goes back transferred, so the
 * main thread copies nothing.
 */
const port = parentPort;
if (!port) throw new Error("gate-worker.ts runs as a worker thread only");

port.on("message", (request: GateRequest) => {
  const body = new Uint8Array(request.body);
  const result = gateUpload(body);
  const sha256 = createHash("sha256").update(body).digest("hex");
  const reply: GateReply = { id: request.id, result, sha256, threadId, body: request.body };
  port.postMessage(reply, [request.body]);
});
