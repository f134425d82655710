import type { ProfileBoardRank, ProfileData } from "@/lib/accounts/profile";

/**
 * Where a profile learns its owner's standing on the all-time boards (issue 10 item 2).
 * server/services.ts sets it to the boards' `ranksForUser` when the server's services are built;
 * without it a profile lists no board ranks. The profile shows the rank even when the player
 * hides from public boards: it is their own page.
 */
export type ProfileBoardRankLookup = (userId: string) => Promise<ProfileBoardRank[]>;

const KEY = Symbol.for("kilobyte-arena.profile-board-ranks");
type Holder = { [KEY]?: ProfileBoardRankLookup };

/** Kept on globalThis for the same reason as the app context: route bundles are separate. */
export function setProfileBoardRanks(lookup: ProfileBoardRankLookup | null): void {
  if (lookup) (globalThis as Holder)[KEY] = lookup;
  else delete (globalThis as Holder)[KEY];
}

export async function withBoardRanks(profile: ProfileData): Promise<ProfileData> {
  const lookup = (globalThis as Holder)[KEY];
  if (!lookup) return profile;
  try {
    return { ...profile, boardRanks: await lookup(profile.id) };
  } catch (error) {
    // A board that cannot answer must not take the profile page down with it.
    console.error("[profile] board ranks failed", error);
    return profile;
  }
}
