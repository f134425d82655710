import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import type { Result } from "../../lib/contract/errors";
import type { ClientToServer, ServerToClient } from "../../lib/contract/events";
import type { PublicQuestion } from "../../lib/contract/views";
import { sleep } from "./stats";

/** Socket.IO clients for the bench, made the way the app's pages and the test harness make them. */
export type Client = Socket<ServerToClient, ClientToServer>;

type Payload<E extends keyof ClientToServer> = Parameters<ClientToServer[E]>[0];
type AckData<E extends keyof ClientToServer> = Parameters<ClientToServer[E]>[1] extends (
  result: Result<infer T>,
) => void
  ? T
  : never;
export type Answer = Payload<"round:answer">["answer"];

export function connectClient(url: string, timeoutMs: number, cookie?: string): Promise<Client> {
  const socket: Client = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    timeout: timeoutMs,
    extraHeaders: cookie ? { cookie } : undefined,
  });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (error) => {
      socket.disconnect();
      reject(error);
    });
  });
}

/** Sends a request and resolves with its Result; rejects when no ack comes within timeoutMs. */
export function request<E extends keyof ClientToServer>(
  socket: Client,
  event: E,
  payload: Payload<E>,
  timeoutMs: number,
): Promise<Result<AckData<E>>> {
  // socket.io's overloads cannot follow a generic event name through timeout().emitWithAck.
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: E, payload: Payload<E>): Promise<Result<AckData<E>>>;
  };
  return timed.emitWithAck(event, payload);
}

export interface Host {
  id: string;
  name: string;
  email: string;
  /** The next-auth session cookie a browser would hold after signing in. */
  cookie: string;
}

/**
 * A real user row through the public sign-up API, then the session cookie next-auth would set
 * (same `encode`, same secret as the server), so the host socket authenticates as in a browser.
 */
export async function signUpHost(url: string, secret: string, label: string): Promise<Host> {
  const email = `bench-${label}-${Date.now()}@example.test`;
  const name = `Bench host ${label}`;
  const res = await fetch(`${url}/api/signup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, name, password: "bench-password-0123" }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await res.json()) as Result<{ id: string; email: string; name: string }>;
  if (!body.ok) throw new Error(`sign-up refused (${res.status}): ${body.error}`);
  const token = await encode({ token: { sub: body.data.id, name, email }, secret });
  return { ...body.data, cookie: `next-auth.session-token=${token}` };
}

/** Some valid answer for the question; spread over the options so the reveal has a distribution. */
export function answerFor(question: PublicQuestion, player: number): Answer {
  switch (question.type) {
    case "single":
      return { type: "single", choice: player % question.options.length };
    case "multiple":
      return { type: "multiple", choices: [player % question.options.length] };
    case "truefalse":
      return { type: "truefalse", value: player % 2 === 0 };
    case "ordering":
      return { type: "ordering", order: question.items.map((_, i) => i) };
    case "numeric":
      return { type: "numeric", value: player };
    case "text":
      return { type: "text", text: `answer ${player}` };
    case "coding":
      throw new Error("question 0 is a coding round: pick a quiz question set");
  }
}

/** Polls a cheap condition (a counter); bounded by timeoutMs. */
export async function waitUntil(
  what: string,
  done: () => boolean,
  timeoutMs: number,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(10);
  }
}
