/**
 * Room codes: six characters from an alphabet without look-alikes. Without zod (schemas.ts builds
 * RoomCodeSchema from these), so the join screens can check a code without shipping a validator.
 */
export const ROOM_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O, 1/I
export const ROOM_CODE_LENGTH = 6;
export const ROOM_CODE_PATTERN = new RegExp(`^[${ROOM_CODE_ALPHABET}]{${ROOM_CODE_LENGTH}}$`);

/** The code as RoomCodeSchema parses it (trimmed, upper case), or null. */
export function parseRoomCode(raw: string): string | null {
  const code = raw.trim().toUpperCase();
  return ROOM_CODE_PATTERN.test(code) ? code : null;
}
