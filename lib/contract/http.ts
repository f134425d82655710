import { z } from "zod";
import { MODEL_REJECTION_CODES } from "../model/rejections";
import { ERROR_CODES } from "./errors";

/**
 * The JSON bodies of the HTTP API (app/api route handlers), as schemas: the routes build them,
 * and clients and tests parse them. Every refusal is `{ ok: false, error }` with a code from the
 * closed list in errors.ts; dates travel as ISO strings.
 */

export const ApiErrorSchema = z.object({
  ok: z.literal(false),
  error: z.enum(ERROR_CODES),
  /** MODEL_REJECTED: which rule the model broke. */
  rejection: z.object({ code: z.enum(MODEL_REJECTION_CODES), detail: z.string() }).optional(),
  /** INVALID_PAYLOAD on a form: the fields that failed. */
  fields: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** POST /api/rooms/:code/submissions?round=N: 202, stored and counted; the score follows. */
export const UploadAcceptedSchema = z.object({
  ok: z.literal(true),
  data: z.object({
    submissionId: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    parameters: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type UploadAccepted = z.infer<typeof UploadAcceptedSchema>;

const ScoreSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("SCORED"),
    publicAccuracy: z.number(),
    privateAccuracy: z.number(),
    sizeBytes: z.number(),
  }),
  z.object({ status: z.enum(["REJECTED", "PENDING"]), rejectionCode: z.string().optional() }),
]);

/** POST /api/submissions/:id/rescore: the stored verdict beside a fresh one. */
export const RescoreResponseSchema = z.object({
  ok: z.literal(true),
  data: z.object({ stored: ScoreSchema, rescored: ScoreSchema, identical: z.boolean() }),
});
export type RescoreResponse = z.infer<typeof RescoreResponseSchema>;

/** GET /api/boards/:variant: best final models of closed rounds, best first. */
export const BoardResponseSchema = z.object({
  ok: z.literal(true),
  data: z.array(
    z.object({
      submissionId: z.string(),
      nickname: z.string(),
      hiddenAs: z.number().int().positive().optional(),
      roomCode: z.string().nullable(),
      privateAccuracy: z.number(),
      sizeBytes: z.number().int(),
      parameters: z.number().int(),
      summary: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
});
export type BoardResponse = z.infer<typeof BoardResponseSchema>;

/**
 * GET /api/rooms/:code/submissions?round=N: the token's own player's submissions to that round,
 * newest first, so a reloaded lab shows its list again. Only what the player already saw live
 * (status, size, public-split accuracy, the rejection), never the private split.
 */
export const OwnSubmissionSchema = z.object({
  submissionId: z.string(),
  status: z.enum(["PENDING", "SCORED", "REJECTED"]),
  sizeBytes: z.number().int().nonnegative(),
  publicAccuracy: z.number().nullable(),
  rejection: z.object({ code: z.string(), detail: z.string() }).nullable(),
  /** ms since epoch. */
  submittedAt: z.number().int(),
});
export type OwnSubmissionView = z.infer<typeof OwnSubmissionSchema>;
export const OwnSubmissionsResponseSchema = z.object({
  ok: z.literal(true),
  data: z.array(OwnSubmissionSchema),
});

/**
 * GET /api/rooms/:code/training-data?round=N: the shards of the training split the round's budget
 * allows (lib/coding/training-slices.ts), before any is sent.
 */
export const TrainingManifestSchema = z.object({
  budget: z.number().int().positive(),
  shards: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      /** Index of its first image in the training split. */
      first: z.number().int().nonnegative(),
      count: z.number().int().positive(),
      /** Compressed size: what crosses the network. */
      bytes: z.number().int().positive(),
      /** Content hash of the uncompressed shard: the same bytes have the same tag in every room. */
      etag: z.string(),
    }),
  ),
});
export type TrainingManifest = z.infer<typeof TrainingManifestSchema>;
export const TrainingManifestResponseSchema = z.object({
  ok: z.literal(true),
  data: TrainingManifestSchema,
});
