import { describe, expect, it } from "vitest";
import { avatarHue, avatarInitials } from "@/lib/accounts/initials";
import { passwordWeakness } from "@/lib/accounts/password-strength";
import { summariseGames, type ProfileGame } from "@/lib/accounts/profile";
import {
  checkAccountDeletion,
  checkRoleChange,
  hasRole,
  may,
  roleForNewAccount,
  ROLES,
} from "@/lib/accounts/roles";

describe("roles", () => {
  it("form a ladder: each role can do what the ones below it can", () => {
    for (const [i, role] of ROLES.entries())
      for (const [j, needed] of ROLES.entries()) expect(hasRole(role, needed)).toBe(i >= j);
    expect(ROLES.filter((r) => may(r, "host"))).toEqual(["HOST", "ORGANISER", "ADMIN"]);
    expect(ROLES.filter((r) => may(r, "writeSets"))).toEqual(["HOST", "ORGANISER", "ADMIN"]);
    expect(ROLES.filter((r) => may(r, "manageRoles"))).toEqual(["ADMIN"]);
  });

  it("make the first account the admin, later ones players or (open install) hosts", () => {
    expect(roleForNewAccount({ existingAccounts: 0, openHostSignup: false })).toBe("ADMIN");
    expect(roleForNewAccount({ existingAccounts: 0, openHostSignup: true })).toBe("ADMIN");
    expect(roleForNewAccount({ existingAccounts: 1, openHostSignup: false })).toBe("PLAYER");
    expect(roleForNewAccount({ existingAccounts: 9, openHostSignup: true })).toBe("HOST");
  });

  it("let only an admin change a role, and never demote the last admin", () => {
    for (const actor of ["PLAYER", "HOST", "ORGANISER"] as const)
      expect(checkRoleChange({ actor, current: "PLAYER", next: "HOST", admins: 1 })).toEqual({
        ok: false,
        error: "ROLE_REQUIRED",
      });
    expect(
      checkRoleChange({ actor: "ADMIN", current: "PLAYER", next: "ADMIN", admins: 1 }),
    ).toEqual({ ok: true });
    expect(checkRoleChange({ actor: "ADMIN", current: "ADMIN", next: "HOST", admins: 1 })).toEqual({
      ok: false,
      error: "LAST_ADMIN",
    });
    expect(checkRoleChange({ actor: "ADMIN", current: "ADMIN", next: "HOST", admins: 2 })).toEqual({
      ok: true,
    });
    // Re-granting the same role to the last admin is no demotion.
    expect(checkRoleChange({ actor: "ADMIN", current: "ADMIN", next: "ADMIN", admins: 1 })).toEqual(
      { ok: true },
    );
    expect(checkAccountDeletion({ role: "ADMIN", admins: 1 })).toEqual({
      ok: false,
      error: "LAST_ADMIN",
    });
    expect(checkAccountDeletion({ role: "ADMIN", admins: 2 })).toEqual({ ok: true });
    expect(checkAccountDeletion({ role: "PLAYER", admins: 0 })).toEqual({ ok: true });
  });
});

describe("passwordWeakness", () => {
  const account = { email: "ada.lovelace@example.org", name: "Ada Lovelace" };
  it("refuses common, repetitive and personal passwords", () => {
    expect(passwordWeakness("Password123", account)).toBe("common");
    expect(passwordWeakness("aaaaaaaaaaaa", account)).toBe("repetitive");
    expect(passwordWeakness("abababababab", account)).toBe("repetitive");
    expect(passwordWeakness("ada.lovelace1", account)).toBe("personal");
    expect(passwordWeakness("ADA LOVELACE", account)).toBe("personal");
  });
  it("accepts a passphrase", () => {
    expect(passwordWeakness("correct horse battery", account)).toBeNull();
    expect(passwordWeakness("zebra-quartz-71", account)).toBeNull();
  });
});

describe("avatarInitials", () => {
  it("takes the first letters of two words, or two characters of one", () => {
    expect(avatarInitials("Ada Lovelace")).toBe("AL");
    expect(avatarInitials("  grace   brewster hopper ")).toBe("GB");
    expect(avatarInitials("linus")).toBe("LI");
    expect(avatarInitials("王小明")).toBe("王小");
    expect(avatarInitials("🦊 Fox")).toBe("🦊F");
    expect(avatarInitials("   ")).toBe("?");
  });
  it("gives one person one colour", () => {
    expect(avatarHue("user-1")).toBe(avatarHue("user-1"));
    expect(avatarHue("user-1")).toBeGreaterThanOrEqual(0);
    expect(avatarHue("user-1")).toBeLessThan(360);
  });
});

describe("summariseGames", () => {
  const game = (rank: number | null, score: number | null): ProfileGame => ({
    roomCode: "ABC234",
    title: { zh: "题", en: "Q" },
    nickname: "ada",
    playedAt: "2026-12-01T10:00:00.000Z",
    status: rank === null ? "RUNNING" : "FINISHED",
    score,
    rank,
    players: 5,
    correctCount: null,
    answeredCount: null,
  });
  it("counts only games that ended with a result", () => {
    expect(summariseGames([game(1, 900), game(3, 400), game(5, 0), game(null, null)])).toEqual({
      gamesPlayed: 3,
      wins: 1,
      podiums: 2,
      bestRank: 1,
      totalScore: 1300,
    });
    expect(summariseGames([])).toEqual({
      gamesPlayed: 0,
      wins: 0,
      podiums: 0,
      bestRank: null,
      totalScore: 0,
    });
  });
});
