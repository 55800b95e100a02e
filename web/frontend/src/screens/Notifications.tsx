import { useEffect, useRef, useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import type { Notification } from "../api/types";
import { AtIcon, BellIcon, ChatIcon, UserIcon, WalletIcon } from "../components/icons";
import { RelativeTime, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";
import { describe } from "../live/describe";
import { useNotifications } from "../live/notifications";
import { declineRequest, payRequest } from "./Requests";

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
        {(n.type === "money_requested" || n.type === "money_request_reminder") && n.data?.note ? <span className="muted ellipsis">{n.data.note}</span> : null}
      </span>
      <span className="muted small"><RelativeTime iso={n.createdAt} /></span>
    </>
  );
  const asked = (n.type === "money_requested" || n.type === "money_request_reminder") && n.data?.requestId;
  return (
    <li className={fresh ? "unread" : undefined} data-testid="notification">
      {asked ? <div className="list-row">{body}<RequestActions id={n.data.requestId!} /></div>
        : d.href ? <Link href={d.href} className="list-row">{body}</Link> : <div className="list-row">{body}</div>}
    </li>
  );
}

/** Pay (then the PIN, on the payment's confirmation screen) or Decline, right from the notification. */
function RequestActions({ id }: { id: string }) {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);

  async function act(action: () => Promise<void>) {
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setOutcome(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (outcome) return <span className="muted small" role="status">{outcome}</span>;
  return (
    <span className="row">
      <button type="button" className="button button-small button-primary" disabled={busy}
        onClick={() => act(async () => navigate(`/pay/${await payRequest(id)}`))}>{t("requests.pay")}</button>
      <button type="button" className="button button-small button-ghost" disabled={busy}
        onClick={() => act(async () => { await declineRequest(id); setOutcome(t("requests.declined")); })}>{t("requests.decline")}</button>
    </span>
  );
}
