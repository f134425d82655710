/**
 * Who may do what (issue 10). Pure rules: the repository and the routes ask these functions and
 * never compare role names themselves, so a rule lives in exactly one place.
 *
 * The roles are a ladder: each can do everything the one below it can.
 * - PLAYER: play, keep a profile, appear on boards, claim their guest results.
 * - HOST: also write question sets, open and steer rooms, re-score their rooms' models.
 * - ORGANISER: also run events (the events feature builds on this role).
 * - ADMIN: everything, and grant or revoke roles.
 */
export const ROLES = ["PLAYER", "HOST", "ORGANISER", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { PLAYER: 0, HOST: 1, ORGANISER: 2, ADMIN: 3 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is `needed` or above it on the ladder. */
export function hasRole(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** What each privileged action needs; the routes name the action, not the role. */
export const ACTION_ROLE = {
  /** Open a room, steer it, re-score its models. */
  host: "HOST",
  /** Create, edit, import, duplicate or delete question sets. */
  writeSets: "HOST",
  /** Create and run events, see their candidates. */
  organise: "ORGANISER",
  /** Grant and revoke roles, list every account. */
  manageRoles: "ADMIN",
} as const satisfies Record<string, Role>;

export type PrivilegedAction = keyof typeof ACTION_ROLE;

export function may(role: Role, action: PrivilegedAction): boolean {
  return hasRole(role, ACTION_ROLE[action]);
}

/**
 * The role a new account gets. The first account of a fresh install administers it (decided
 * inside the sign-up transaction, under a lock, so two simultaneous first sign-ups cannot both
 * win). After that: PLAYER, or HOST when the install allows open host sign-up (OPEN_HOST_SIGNUP).
 */
export function roleForNewAccount(opts: {
  existingAccounts: number;
  openHostSignup: boolean;
}): Role {
  if (opts.existingAccounts === 0) return "ADMIN";
  return opts.openHostSignup ? "HOST" : "PLAYER";
}

export type RoleChangeRefusal = "ROLE_REQUIRED" | "LAST_ADMIN";

/**
 * May `actor` set `target`'s role to `next`? Only an admin grants or revokes; and the install must
 * keep at least one admin, so the last one cannot be demoted (not even by themselves).
 * `admins` is the number of ADMIN accounts now, read in the same transaction as the change.
 */
export function checkRoleChange(input: {
  actor: Role;
  current: Role;
  next: Role;
  admins: number;
}): { ok: true } | { ok: false; error: RoleChangeRefusal } {
  if (!may(input.actor, "manageRoles")) return { ok: false, error: "ROLE_REQUIRED" };
  if (input.current === "ADMIN" && input.next !== "ADMIN" && input.admins <= 1)
    return { ok: false, error: "LAST_ADMIN" };
  return { ok: true };
}

/** Deleting an account must not leave the install without an admin either. */
export function checkAccountDeletion(input: {
  role: Role;
  admins: number;
}): { ok: true } | { ok: false; error: "LAST_ADMIN" } {
  if (input.role === "ADMIN" && input.admins <= 1) return { ok: false, error: "LAST_ADMIN" };
  return { ok: true };
}
