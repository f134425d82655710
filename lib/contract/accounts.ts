import { z } from "zod";
import { ROLES } from "@/lib/accounts/roles";
import { SignUpSchema } from "./schemas";

/** Request and response bodies of the account, admin and claim routes (issue 10). */

/** PATCH /api/admin/users/:id */
export const RoleChangeSchema = z.object({ role: z.enum(ROLES) }).strict();

/** GET /api/admin/users?q=&page= : a search over names and emails, 25 a page. */
export const ADMIN_PAGE_SIZE = 25;
export const AdminUserQuerySchema = z.object({
  q: z.string().trim().max(100).default(""),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export interface AdminUserRow {
  id: string;
  name: string;
  email: string;
  role: (typeof ROLES)[number];
  createdAt: string;
}

/** PATCH /api/account: either field or both. */
export const ProfileUpdateSchema = z
  .object({
    name: SignUpSchema.shape.name.optional(),
    hiddenFromBoards: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.hiddenFromBoards !== undefined, {
    message: "nothing to change",
  });

/** DELETE /api/account: the account's email typed again, so a stray click deletes nothing. */
export const DeleteAccountSchema = z
  .object({ confirmEmail: z.string().trim().toLowerCase().max(200) })
  .strict();

/** POST /api/account/claim-token: a player's resume token, swapped for a long-lived claim. */
export const ClaimTokenRequestSchema = z.object({ playerToken: z.string().min(1).max(2000) });

/** One guest result this device holds: the player's id and the server's signed claim for it. */
export const GuestClaimSchema = z.object({
  playerId: z.string().min(1).max(64),
  token: z.string().min(1).max(2000),
});
export type GuestClaim = z.infer<typeof GuestClaimSchema>;

/** POST /api/account/claims (`dryRun`: only say which are claimable; nothing is written). */
export const ClaimRequestSchema = z
  .object({
    claims: z.array(GuestClaimSchema).min(1).max(100),
    dryRun: z.boolean().default(false),
  })
  .strict();

export interface ClaimableGame {
  playerId: string;
  roomCode: string;
  nickname: string;
  score: number | null;
  rank: number | null;
  playedAt: string;
}

/** An OAuth provider this install has switched on, as the sign-in and profile pages list it. */
export interface EnabledProvider {
  id: "github" | "google" | "oidc";
  name: string;
}
