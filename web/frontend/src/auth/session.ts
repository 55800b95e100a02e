/**
 * The signed-in session: the access token and when it expires.
 *
 * Kept in sessionStorage, on purpose: it survives a reload and the tab's own navigation, but not the closing of the
 * tab, and other tabs or a later visitor of a shared computer do not get it (localStorage would keep a payment
 * credential for good). It is not safer than memory against a script injected into the page, which the strict
 * Content-Security-Policy of the shell is there to prevent; memory alone would sign the user out at every reload.
 */
const KEY = "piaf.session";

export type Session = { token: string; expiresAt: number; handle: string };

type Listener = () => void;
const listeners = new Set<Listener>();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Session;
    return parsed.expiresAt > Date.now() ? parsed : null;
  } catch {
    return null;
  }
}

export const session = {
  current: read,
  token: () => read()?.token ?? null,
  start(token: string, expiresInSeconds: number, handle: string) {
    const value: Session = { token, expiresAt: Date.now() + expiresInSeconds * 1000, handle: handle.toLowerCase() };
    sessionStorage.setItem(KEY, JSON.stringify(value));
    listeners.forEach((l) => l());
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
