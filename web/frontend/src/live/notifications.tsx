import { fetchEventSource } from "@microsoft/fetch-event-source";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { api, refreshSession } from "../api/client";
import type { Notification, NotificationPage } from "../api/types";
import { session } from "../auth/session";

type Listener = (notification: Notification) => void;

type Live = {
  items: Notification[];
  unread: number;
  connected: boolean;
  loaded: boolean;
  markAllRead(): Promise<void>;
  /** Called for every notification that arrives on the stream (not for the ones loaded with the list). */
  subscribe(listener: Listener): () => void;
};

const Context = createContext<Live | null>(null);

class Unauthorized extends Error {}
class StreamEnded extends Error {}

/**
 * The signed-in user's notifications: the latest page, the unread count, and the live stream
 * (GET /api/notifications/stream). EventSource cannot send the Authorization header, so the stream is read with
 * fetch-event-source, which also reconnects with Last-Event-ID: nothing is missed or shown twice.
 */
export function NotificationsProvider({ token, children }: { token: string; children: ReactNode }) {
  const [items, setItems] = useState<Notification[]>([]);
  const [unread, setUnread] = useState(0);
  const [connected, setConnected] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const listeners = useRef(new Set<Listener>());
  const seen = useRef(new Set<string>());

  useEffect(() => {
    const controller = new AbortController();
    seen.current = new Set();
    let lastEventId: string | undefined;

    const add = (notification: Notification) => {
      if (seen.current.has(notification.id)) return;
      seen.current.add(notification.id);
      setItems((all) => [notification, ...all].slice(0, 100));
      if (!notification.read) setUnread((n) => n + 1);
      listeners.current.forEach((listener) => listener(notification));
    };

    const open = () =>
      fetchEventSource("/api/notifications/stream", {
        signal: controller.signal,
        openWhenHidden: true,
        headers: {
          Authorization: `Bearer ${token}`,
          // From the newest notification the list showed: what arrives in between is sent, not lost.
          // (lower case: the library sets this same key itself when it reconnects)
          ...(lastEventId ? { "last-event-id": lastEventId } : {}),
        },
        async onopen(response) {
          if (response.status === 401) throw new Unauthorized();
          if (!response.ok) throw new Error(`stream ${response.status}`);
          setConnected(true);
        },
        onmessage(message) {
          if (!message.data || (message.event && message.event !== "notification")) return;
          try {
            add(JSON.parse(message.data) as Notification);
          } catch {
            // Not a notification: ignore it rather than break the stream.
          }
        },
        onclose() {
          // The server ends the stream when the token expires; the retry below picks up from the last event id.
          setConnected(false);
          throw new StreamEnded();
        },
        onerror(error) {
          setConnected(false);
          if (error instanceof Unauthorized) {
            // The access token lapsed or was revoked: renewing it restarts the stream with the new one.
            void refreshSession().then((renewed) => { if (!renewed) session.clear(); });
            throw error;
          }
          return 2000;
        },
      });

    api<NotificationPage>("/api/notifications?limit=30", { signal: controller.signal })
      .then((page) => {
        page.items.forEach((n) => seen.current.add(n.id));
        setItems(page.items);
        setUnread(page.unreadCount ?? page.items.filter((n) => !n.read).length);
        lastEventId = page.items[0]?.id ?? "0";
      })
      .catch(() => undefined)
      .finally(() => {
        if (controller.signal.aborted) return;
        setLoaded(true);
        open().catch(() => setConnected(false));
      });

    return () => controller.abort();
  }, [token]);

  const markAllRead = useCallback(async () => {
    const newest = items[0];
    if (!newest) return;
    setUnread(0);
    setItems((all) => all.map((n) => ({ ...n, read: true })));
    try {
      const answer = await api<{ unreadCount: number }>("/api/notifications/read", { method: "POST", body: { upTo: newest.id } });
      setUnread(answer.unreadCount);
    } catch {
      // The badge is cleared locally; the server keeps them unread until the next visit succeeds.
    }
  }, [items]);

  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  return (
    <Context.Provider value={{ items, unread, connected, loaded, markAllRead, subscribe }}>{children}</Context.Provider>
  );
}

export function useNotifications(): Live {
  const value = useContext(Context);
  if (!value) throw new Error("useNotifications outside NotificationsProvider");
  return value;
}
