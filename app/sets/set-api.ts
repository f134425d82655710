import type {
  CreateSetBody,
  ImportPreview,
  ImportSetBody,
  QuestionSetView,
  SetApiResult,
  UpdateSetBody,
} from "@/lib/contract/question-sets";

/** The /api/sets calls the pages make (lib/contract/question-sets.ts has the bodies). */

async function call<T>(url: string, method: string, body?: unknown): Promise<SetApiResult<T>> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as SetApiResult<T>;
  } catch {
    return { ok: false, error: "INTERNAL" };
  }
}

export const createSet = (body: CreateSetBody) => call<QuestionSetView>("/api/sets", "POST", body);

export const updateSet = (id: string, body: UpdateSetBody) =>
  call<QuestionSetView>(`/api/sets/${id}`, "PUT", body);

export const deleteSet = (id: string) => call<{ hidden: boolean }>(`/api/sets/${id}`, "DELETE");

export const duplicateSet = (id: string) =>
  call<QuestionSetView>(`/api/sets/${id}/duplicate`, "POST");

export function importSet(
  body: ImportSetBody & { dryRun: true },
): Promise<SetApiResult<ImportPreview>>;
export function importSet(body: ImportSetBody): Promise<SetApiResult<QuestionSetView>>;
export function importSet(body: ImportSetBody) {
  return call<unknown>("/api/sets/import", "POST", body);
}

export const exportUrl = (id: string, format: "json" | "csv") =>
  `/api/sets/${id}/export?format=${format}`;
