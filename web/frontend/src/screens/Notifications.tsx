import { useEffect, useRef, type ReactNode } from "react";
import { Link } from "wouter";
import type { Notification } from "../api/types";
import { AtIcon, BellIcon, ChatIcon, UserIcon, WalletIcon } from "../components/icons";
import { RelativeTime, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";
import { describe } from "../live/describe";
import { useNotifications } from "../live/notifications";

const icons: Record<string, ReactNode> = {
  follow: <UserIcon size={20} />,
  mention: <AtIcon size={20} />,
  message: <ChatIcon size={20} />,
  pay: <WalletIcon size={20} />,
};

export function NotificationsScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { items, unread, connected, loaded, markAllRead } = useNotifications();
  // What was unread when the screen opened stays highlighted while the user reads it.
  const highlighted = useRef<Set<string> | null>(null);
  if (highlighted.current === null && loaded) highlighted.current = new Set(items.filter((n) => !n.read).map((n) => n.id));

  useEffect(() => {
    if (unread > 0) {
      items.filter((n) => !n.read).forEach((n) => highlighted.current?.add(n.id));
      markAllRead();
    }
  }, [unread, items, markAllRead]);

  return (
    <div className="column">
      <ScreenTitle actions={
        <span className={`live-dot ${connected ? "on" : ""}`} role="status">
          {connected ? t("notifications.live") : t("notifications.offline")}
        </span>
      }>{t("notifications.title")}</ScreenTitle>
      {!loaded ? <Spinner /> : items.length === 0 ? <p className="empty">{t("notifications.empty")}</p> : (
        <ol className="card list" aria-label={t("notifications.title")}>
          {items.map((n) => <NotificationRow key={n.id} n={n} fresh={!!highlighted.current?.has(n.id)} />)}
        </ol>
      )}
    </div>
  );
}

function NotificationRow({ n, fresh }: { n: Notification; fresh: boolean }) {
  const i18n = useI18n();
  const d = describe(n, i18n);
  const body = (
    <>
      <span className={`notif-icon tone-${d.tone}`}>{icons[d.icon] ?? <BellIcon size={20} />}</span>
      <span className="list-row-text">
        <span className="list-row-title">{d.text}</span>
        {n.type === "mention" || n.type === "direct_message" ? <span className="muted ellipsis">{n.data?.text}</span> : null}
      </span>
      <span className="muted small"><RelativeTime iso={n.createdAt} /></span>
    </>
  );
  return (
    <li className={fresh ? "unread" : undefined} data-testid="notification">
      {d.href ? <Link href={d.href} className="list-row">{body}</Link> : <div className="list-row">{body}</div>}
    </li>
  );
}
