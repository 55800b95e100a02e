import { session } from "../auth/session";

/** A problem+json answer (RFC 9457) with Piaf's stable `code` and any extra members. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail || code);
  }
}

type Options = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  /** A file sent as the raw body, its type in Content-Type (content uploads). */
  file?: Blob;
  /** Money-moving POSTs send one; a retry of the same action reuses it, so it never moves money twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

let onSessionLost: () => void = () => {};

/** What to do when the server no longer accepts the session's token (expired, or user gone). */
export function whenSessionLost(handler: () => void) {
  onSessionLost = handler;
}

type TokenAnswer = { access_token: string; expires_in: number; refresh_token?: string };

/** Renew this long before the access token expires, so that no request goes out with one about to lapse. */
const RENEW_AHEAD_MS = 60_000;
let renewing: Promise<boolean> | null = null;

/**
 * Exchanges the refresh token for a new access token and the next refresh token (the server rotates them and
 * revokes the session if an old one is replayed). One exchange at a time: concurrent callers share it, since two
 * exchanges of the same token would look like a replay. False when the session cannot be renewed.
 */
export function refreshSession(): Promise<boolean> {
  const refreshToken = session.current()?.refreshToken;
  if (!refreshToken) return Promise.resolve(false);
  if (!renewing) {
    renewing = (async () => {
      try {
        const response = await fetch("/api/auth/refresh", {
          method: "POST",
          headers: { Accept: "application/json", "Content-Type": "application/json" },
          body: JSON.stringify({ refresh_token: refreshToken }),
        });
        if (!response.ok) {
          // 401: revoked, expired or replayed; anything else (429, network) leaves the session to try again later.
          if (response.status === 401) session.clear();
          return false;
        }
        const answer = (await response.json()) as TokenAnswer;
        session.renew(answer.access_token, answer.expires_in, answer.refresh_token);
        return true;
      } catch {
        return false;
      } finally {
        renewing = null;
      }
    })();
  }
  return renewing;
}

/** Signs in: starts a session with the access and refresh tokens. */
export async function signIn(handle: string, password: string) {
  const token = await api<TokenAnswer>("/api/auth/token", { method: "POST", body: { handle, password } });
  session.start(token.access_token, token.expires_in, handle, token.refresh_token);
}

/** Signs out: the server revokes the refresh token (and its rotations), then the tab forgets the session. */
export async function signOut() {
  const refreshToken = session.current()?.refreshToken;
  session.clear();
  if (refreshToken) {
    await fetch("/api/auth/logout", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ refresh_token: refreshToken }),
    }).catch(() => undefined);
  }
}

export async function api<T>(path: string, options: Options & { accept?: string } = {}, retried = false): Promise<T> {
  const current = session.current();
  if (current?.refreshToken && current.expiresAt - Date.now() < RENEW_AHEAD_MS) {
    await refreshSession();
  }
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.file) headers["Content-Type"] = options.file.type || "application/octet-stream";
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "");
  }
  if (response.status === 401 && token) {
    // Expired or revoked meanwhile: renew once and try again, else the session is over.
    if (!retried && (await refreshSession())) return api<T>(path, options, true);
    session.clear();
    onSessionLost();
  }
  if (!response.ok) {
    throw await problemOf(response);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (options.accept && options.accept !== "application/json") return text as T;
  return (text ? JSON.parse(text) : undefined) as T;
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = await response.json();
    const { status, code, detail, title, type: _type, instance: _instance, ...extra } = problem ?? {};
    return new ApiError(status ?? response.status, code ?? `http_${response.status}`, detail ?? title ?? "", extra);
  } catch {
    return new ApiError(response.status, `http_${response.status}`, response.statusText);
  }
}

/** A random key for Idempotency-Key; works outside secure contexts too (plain http on a LAN). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export const enc = encodeURIComponent;
