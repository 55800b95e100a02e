import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { useMe } from "../auth/me";
import { Compose } from "../components/Compose";
import { Feed, type FeedControls } from "../components/Feed";
import { LockIcon, SearchIcon } from "../components/icons";
import { ScreenTitle } from "../components/ui";
import { useI18n } from "../i18n";
import { useNotifications } from "../live/notifications";

/** Notification types after which the home timeline has something new (a receipt, a post that mentions the user). */
const TIMELINE_TYPES = /payment|receipt|mention|donation/;
const RECEIPT_RETRIES_MS = [1000, 3000];

export function HomeScreen() {
  const { t } = useI18n();
  const { me, refreshWallet } = useMe();
  const { subscribe } = useNotifications();
  const feed = useRef<FeedControls | undefined>(undefined);
  const bind = useCallback((controls: FeedControls) => { feed.current = controls; }, []);

  // A payment's notification and its receipt are written by two listeners of the same event, in either order: the
  // timeline is read again a little later too, so that a receipt committed just after the notification shows up.
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const unsubscribe = subscribe((notification) => {
      if (TIMELINE_TYPES.test(notification.type)) {
        feed.current?.refresh();
        refreshWallet();
        for (const delay of RECEIPT_RETRIES_MS) {
          const timer = setTimeout(() => { timers.delete(timer); feed.current?.refresh(); }, delay);
          timers.add(timer);
        }
      }
    });
    return () => {
      unsubscribe();
      timers.forEach(clearTimeout);
    };
  }, [subscribe, refreshWallet]);

  return (
    <div className="with-aside">
      <div className="column">
        <ScreenTitle>{t("home.title")}</ScreenTitle>
        {me && !me.pinSet && (
          <div className="note note-info nudge">
            <LockIcon size={18} />
            <span>{t("settings.pin.notSet")}</span>
            <Link href="/settings" className="button button-small button-primary">{t("settings.pin.set")}</Link>
          </div>
        )}
        <Compose onPosted={(item) => feed.current?.prepend(item)} />
        <h2 className="section-title">{t("timeline.title")}</h2>
        <Feed path="/api/timeline" empty={t("timeline.empty")} label={t("timeline.title")} bind={bind} />
      </div>
      <HomeAside />
    </div>
  );
}

export function FindSomeone() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [handle, setHandle] = useState("");
  function go(event: FormEvent) {
    event.preventDefault();
    const clean = handle.trim().replace(/^@/, "").toLowerCase();
    if (clean) navigate(`/u/${clean}`);
  }
  return (
    <form className="find" role="search" onSubmit={go}>
      <label htmlFor="find-handle" className="visually-hidden">{t("search.label")}</label>
      <SearchIcon size={18} />
      <input id="find-handle" placeholder={t("search.placeholder")} autoCapitalize="none" spellCheck={false}
        value={handle} onChange={(e) => setHandle(e.target.value)} />
      <button type="submit" className="button button-small button-ghost">{t("search.go")}</button>
    </form>
  );
}

function HomeAside() {
  const { t } = useI18n();
  return (
    <aside className="aside" aria-label={t("compose.hint")}>
      <FindSomeone />
      <div className="card tips">
        <h2 className="tips-title">{t("compose.hint")}</h2>
        <ul>
          <li><code>#envoyer 12,50€ @bob merci</code></li>
          <li><code>#send €50 to @bob</code></li>
          <li><code>#don 30€ @acf</code></li>
        </ul>
        <p className="muted small">{t("confirm.rule")}</p>
      </div>
    </aside>
  );
}
