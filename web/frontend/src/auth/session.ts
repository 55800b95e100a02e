/**
 * The signed-in session: the access token, when it expires, and the refresh token that renews it.
 *
 * Kept in sessionStorage, on purpose: it survives a reload and the tab's own navigation, but not the closing of the
 * tab, and other tabs or a later visitor of a shared computer do not get it (localStorage would keep a payment
 * credential for good). It is not safer than memory against a script injected into the page, which the strict
 * Content-Security-Policy of the shell is there to prevent; memory alone would sign the user out at every reload.
 * The access token lives an hour; the refresh token (rotated at each use, see api/client.ts) keeps the session
 * going while the tab is open, and signing out revokes it on the server.
 */
const KEY = "piaf.session";

export type Session = { token: string; expiresAt: number; handle: string; refreshToken?: string };

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    // An expired access token is still a session while a refresh token can renew it.
    return parsed.expiresAt > Date.now() || parsed.refreshToken ? parsed : null;
  } catch {
    return null;
  }
}

function write(value: Session) {
  sessionStorage.setItem(KEY, JSON.stringify(value));
  listeners.forEach((l) => l());
}

export const session = {
  current: read,
  token: () => read()?.token ?? null,
  start(token: string, expiresInSeconds: number, handle: string, refreshToken?: string) {
    write({ token, expiresAt: Date.now() + expiresInSeconds * 1000, handle: handle.toLowerCase(), refreshToken });
  },
  /** A renewed access token (and the next refresh token) for the same signed-in user. */
  renew(token: string, expiresInSeconds: number, refreshToken?: string) {
    const current = read();
    if (!current) return;
    write({ ...current, token, expiresAt: Date.now() + expiresInSeconds * 1000, refreshToken });
  },
  clear() {
    const had = sessionStorage.getItem(KEY) !== null;
    sessionStorage.removeItem(KEY);
    if (had) listeners.forEach((l) => l());
  },
  subscribe(listener: Listener) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
