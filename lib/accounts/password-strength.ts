/**
 * Sign-up's password rule, beyond the length the schema checks (8 to 200 characters). NIST SP
 * 800-63B asks for exactly this kind of rule: no composition rules ("one digit, one symbol"), but
 * refuse passwords that are known-common, repetitive or built from the account's own details.
 */
const COMMON = new Set([
  "password",
  "password1",
  "password123",
  "12345678",
  "123456789",
  "1234567890",
  "87654321",
  "qwertyuiop",
  "qwerty123",
  "iloveyou",
  "11111111",
  "00000000",
  "abcdefgh",
  "abc12345",
  "letmein1",
  "welcome1",
  "sunshine",
  "football",
  "baseball",
  "princess",
  "superman",
  "trustno1",
  "passw0rd",
  "admin123",
  "kilobyte",
  "kilobytearena",
]);

export type PasswordWeakness = "common" | "repetitive" | "personal";

/** Why the password is too weak, or null when it is acceptable. Case-insensitive. */
export function passwordWeakness(
  password: string,
  account: { email: string; name: string },
): PasswordWeakness | null {
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "common";
  // "aaaaaaaa", "abababab", "12121212": fewer than four different characters.
  if (new Set(lower).size < 4) return "repetitive";
  const local = account.email.toLowerCase().split("@")[0] ?? "";
  const name = account.name.toLowerCase().replace(/\s+/g, "");
  const squashed = lower.replace(/\s+/g, "");
  if ((local.length >= 4 && squashed.includes(local)) || (name.length >= 4 && squashed === name))
    return "personal";
  return null;
}
