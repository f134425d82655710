/**
 * A registered candidate's token, kept by their browser per event (localStorage): it opens their
 * own results and admits them to the event's rooms. It is a bearer secret, so it never goes into
 * a URL.
 */
const key = (eventId: string) => `kba-candidate:${eventId}`;

export interface CandidateSession {
  candidateId: string;
  name: string;
  token: string;
  expiresAt: string;
}

export function saveCandidate(eventId: string, session: CandidateSession): void {
  try {
    window.localStorage.setItem(key(eventId), JSON.stringify(session));
  } catch {
    // Private mode or a full store: the candidate can still play this visit.
  }
}

export function loadCandidate(eventId: string): CandidateSession | null {
  try {
    const raw = window.localStorage.getItem(key(eventId));
    if (!raw) return null;
    const session = JSON.parse(raw) as CandidateSession;
    return new Date(session.expiresAt) > new Date() ? session : null;
  } catch {
    return null;
  }
}

/** Every event this browser is registered for (still valid): a room code says nothing of its event. */
export function candidateTokens(): string[] {
  try {
    const tokens: string[] = [];
    for (let i = 0; i < window.localStorage.length; i++) {
      const name = window.localStorage.key(i);
      if (!name?.startsWith("kba-candidate:")) continue;
      const session = loadCandidate(name.slice("kba-candidate:".length));
      if (session) tokens.push(session.token);
    }
    return tokens;
  } catch {
    return [];
  }
}
