import { useCallback, useEffect, useRef, useState } from "react";
import { EVENTS } from "@/lib/contract/events";
import { ERROR_CODES, type ErrorCode } from "@/lib/contract/errors";
import type { SubmissionResultView } from "@/lib/contract/views";
import type { ModelArtifact } from "@/lib/model/artifact";
import { uploadBytes } from "@/lib/model/gate";
import type { ModelRejection } from "@/lib/model/rejections";
import { loadToken } from "../lib/player-session";
import { getSocket } from "../lib/socket";

/**
 * Uploads over HTTP (POST /api/rooms/:code/submissions, Bearer player token), then waits for the
 * evaluator's verdict, which arrives over Socket.IO as `submission:result`. The verdict can in
 * principle overtake the 202 (the evaluator is fast for tiny models), so early verdicts are held
 * by submission id until their upload is known.
 */

export type SubmissionStatus =
  | { state: "uploading" }
  | { state: "scoring"; submissionId: string; sizeBytes: number }
  | { state: "scored"; submissionId: string; sizeBytes: number; publicAccuracy: number }
  | { state: "rejected"; rejection: ModelRejection | { code: string; detail: string } }
  | { state: "refused"; error: ErrorCode };

export interface Submission {
  localId: number;
  versionId: number;
  status: SubmissionStatus;
}

type UploadResponse =
  | { ok: true; data: { submissionId: string; sizeBytes: number } }
  | { ok: false; error: string; rejection?: { code: string; detail: string } };

const asErrorCode = (code: string): ErrorCode =>
  (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : "INTERNAL";

function verdictStatus(result: SubmissionResultView): SubmissionStatus {
  return result.ok
    ? {
        state: "scored",
        submissionId: result.submissionId,
        sizeBytes: result.sizeBytes,
        publicAccuracy: result.publicAccuracy,
      }
    : { state: "rejected", rejection: result.rejection };
}

export function useSubmissions(code: string, questionIndex: number) {
  const [submissions, setSubmissions] = useState<Submission[]>([]);
  const early = useRef(new Map<string, SubmissionResultView>());
  const nextId = useRef(1);

  useEffect(() => {
    const socket = getSocket();
    const onResult = (result: SubmissionResultView) => {
      // Kept as well as applied: React may run the updater later, while the upload is still open.
      early.current.set(result.submissionId, result);
      setSubmissions((list) =>
        list.map((s) =>
          s.status.state === "scoring" && s.status.submissionId === result.submissionId
            ? { ...s, status: verdictStatus(result) }
            : s,
        ),
      );
    };
    socket.on(EVENTS.submissionResult, onResult);
    return () => {
      socket.off(EVENTS.submissionResult, onResult);
    };
  }, []);

  const update = (localId: number, status: SubmissionStatus) =>
    setSubmissions((list) => list.map((s) => (s.localId === localId ? { ...s, status } : s)));

  const submit = useCallback(
    async (versionId: number, artifact: ModelArtifact) => {
      const localId = nextId.current++;
      setSubmissions((list) => [{ localId, versionId, status: { state: "uploading" } }, ...list]);
      const token = loadToken(code);
      if (!token) return update(localId, { state: "refused", error: "INVALID_TOKEN" });
      let body: UploadResponse;
      try {
        const response = await fetch(`/api/rooms/${code}/submissions?round=${questionIndex}`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          // The same bytes versions.ts gated: the lab and the server see one upload.
          body: uploadBytes(artifact),
        });
        body = (await response.json()) as UploadResponse;
      } catch {
        return update(localId, { state: "refused", error: "INTERNAL" });
      }
      if (!body.ok) {
        return update(
          localId,
          body.rejection
            ? { state: "rejected", rejection: body.rejection }
            : { state: "refused", error: asErrorCode(body.error) },
        );
      }
      const { submissionId, sizeBytes } = body.data;
      const verdict = early.current.get(submissionId);
      early.current.delete(submissionId);
      update(
        localId,
        verdict ? verdictStatus(verdict) : { state: "scoring", submissionId, sizeBytes },
      );
    },
    [code, questionIndex],
  );

  return { submissions, submit };
}
