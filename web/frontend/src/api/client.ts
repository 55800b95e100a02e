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
  /** Money-moving POSTs send one; a retry of the same action reuses it, so it never moves money twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
};

let onSessionLost: () => void = () => {};

/** What to do when the server no longer accepts the session's token (expired, or user gone). */
export function whenSessionLost(handler: () => void) {
  onSessionLost = handler;
}

export async function api<T>(path: string, options: Options & { accept?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network_error", "");
  }
  if (response.status === 401 && token) {
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
