import bcrypt from "bcryptjs";

/** ~250 ms per hash in pure JS on a small box: slow for a guesser, still fine for one sign-in. */
export const PRODUCTION_BCRYPT_COST = 12;

/** bcrypt reads only the first 72 UTF-8 bytes; anything after them would be silently ignored. */
export const BCRYPT_MAX_PASSWORD_BYTES = 72;

/** True when bcrypt would ignore part of this password: sign-up refuses such passwords. */
export function passwordTooLongForBcrypt(plain: string): boolean {
  return bcrypt.truncates(plain);
}

/** `cost` is an argument so tests can hash at 4 rounds instead of 12. */
export function hashPassword(
  plain: string,
  cost: number = PRODUCTION_BCRYPT_COST,
): Promise<string> {
  return bcrypt.hash(plain, cost);
}

/** False (never a throw) for a malformed hash, so a bad row reads as a wrong password. */
export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(plain, hash);
  } catch {
    return false;
  }
}
