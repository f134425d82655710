import { useCallback, useEffect, useRef, useState } from "react";
import { EVENTS } from "@/lib/contract/events";
import { ERROR_CODES, type ErrorCode } from "@/lib/contract/errors";
import type { OwnSubmissionView } from "@/lib/contract/http";
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
 * by submission id until their upload is known. The server is the list's source of truth: a
 * reloaded lab reads the player's own submissions back (GET, same token); which lab version each
 * one was is this browser's own note (localStorage), as the server never knew.
 */

export type SubmissionStatus =
  | { state: "uploading" }
  | { state: "scoring"; submissionId: string; sizeBytes: number }
  | { state: "scored"; submissionId: string; sizeBytes: number; publicAccuracy: number }
  | {
      state: "rejected";
      /** Absent when the upload itself was refused before it was stored. */
      submissionId?: string;
      rejection: ModelRejection | { code: string; detail: string };
    }
  | { state: "refused"; error: ErrorCode };

export interface Submission {
  localId: number;
  /** The lab version it was; null when this browser did not submit it (or forgot). */
  versionId: number | null;
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
    : { state: "rejected", submissionId: result.submissionId, rejection: result.rejection };
}

export function useSubmissions(code: string, questionIndex: number) {
  const [submissions, setSubmissions] = useState<Submission[]>([]);
  const early = useRef(new Map<string, SubmissionResultView>());
  const nextId = useRef(1);

  // The list as the server has it, after a reload (or a crash) of the lab.
  useEffect(() => {
    const token = loadToken(code);
    if (!token) return;
    let live = true;
    void fetch(`/api/rooms/${code}/submissions?round=${questionIndex}`, {
      headers: { authorization: `Bearer ${token}` },
    })
      .then((r) => r.json() as Promise<{ ok: true; data: OwnSubmissionView[] } | { ok: false }>)
      .then(
        (body) => {
          if (!live || !body.ok) return;
          const versions = readVersionNotes(code, questionIndex);
          setSubmissions((list) => {
            const known = new Set(list.map(submissionIdOf));
            const stored = body.data
              .filter((row) => !known.has(row.submissionId))
              .map((row) => {
                const verdict = early.current.get(row.submissionId);
                return {
                  localId: nextId.current++,
                  versionId: versions[row.submissionId] ?? null,
                  status: verdict ? verdictStatus(verdict) : storedStatus(row),
                };
              });
            // Uploads of this page (newest) first, then the stored ones, newest first.
            return [...list, ...stored];
          });
        },
        () => {
          // Not listed: the lab still works, showing this page's uploads only.
        },
      );
    return () => {
      live = false;
    };
  }, [code, questionIndex]);

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
      noteVersion(code, questionIndex, submissionId, versionId);
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

function submissionIdOf(s: Submission): string | null {
  return "submissionId" in s.status ? (s.status.submissionId ?? null) : null;
}

function storedStatus(row: OwnSubmissionView): SubmissionStatus {
  const { submissionId, sizeBytes } = row;
  switch (row.status) {
    case "PENDING":
      return { state: "scoring", submissionId, sizeBytes };
    case "SCORED":
      return { state: "scored", submissionId, sizeBytes, publicAccuracy: row.publicAccuracy ?? 0 };
    case "REJECTED":
      return {
        state: "rejected",
        submissionId,
        rejection: row.rejection ?? { code: "INTERNAL", detail: "" },
      };
  }
}

const notesKey = (code: string, questionIndex: number) =>
  `kba.lab.submitted.${code.toUpperCase()}.${questionIndex}`;

function readVersionNotes(code: string, questionIndex: number): Record<string, number> {
  try {
    const parsed: unknown = JSON.parse(
      window.localStorage.getItem(notesKey(code, questionIndex)) ?? "{}",
    );
    return parsed && typeof parsed === "object" ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

function noteVersion(code: string, questionIndex: number, submissionId: string, versionId: number) {
  try {
    const notes = { ...readVersionNotes(code, questionIndex), [submissionId]: versionId };
    window.localStorage.setItem(notesKey(code, questionIndex), JSON.stringify(notes));
  } catch {
    // Not noted: after a reload this submission shows without its version number.
  }
}
