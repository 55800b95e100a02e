import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "wouter";
import { api, ApiError, enc } from "../api/client";
import type { Conversation, Message, Page, Profile } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { SendIcon } from "../components/icons";
import { Avatar, ErrorNote, RelativeTime, RichText, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";
import { looksLikePayment, useAwaitPayment } from "../live/awaitPayment";
import { useNotifications } from "../live/notifications";

export function InboxScreen() {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const [to, setTo] = useState("");
  const inbox = useResource<Page<Conversation>>("inbox", (signal) => api<Page<Conversation>>("/api/conversations?limit=50", { signal }));

  function open(event: FormEvent) {
    event.preventDefault();
    const handle = to.trim().replace(/^@/, "").toLowerCase();
    if (handle) navigate(`/messages/${handle}`);
  }

  return (
    <div className="column">
      <ScreenTitle>{t("messages.title")}</ScreenTitle>
      <form className="card inline-form" onSubmit={open}>
        <h2 className="card-title">{t("messages.new")}</h2>
        <div className="row">
          <label htmlFor="dm-to" className="visually-hidden">{t("messages.to")}</label>
          <input id="dm-to" className="input" placeholder="@handle" autoCapitalize="none" spellCheck={false}
            value={to} onChange={(e) => setTo(e.target.value)} />
          <button type="submit" className="button button-primary">{t("messages.start")}</button>
        </div>
      </form>
      {inbox.loading && !inbox.data ? <Spinner /> : inbox.error ? (
        <ErrorNote onRetry={inbox.reload}>{errorText(inbox.error)}</ErrorNote>
      ) : (inbox.data?.items.length ?? 0) === 0 ? (
        <p className="empty">{t("messages.empty")}</p>
      ) : (
        <ul className="card list" aria-label={t("messages.title")}>
          {inbox.data!.items.map((c) => (
            <li key={c.id}>
              <Link href={`/messages/${c.with.handle}`} className="list-row">
                <Avatar user={c.with} size={44} />
                <span className="list-row-text">
                  <span className="list-row-title">{c.with.displayName || c.with.handle} <span className="muted">@{c.with.handle}</span></span>
                  {c.lastMessage && <span className="muted ellipsis">{c.lastMessage.text}</span>}
                </span>
                {c.lastMessage && <span className="muted small"><RelativeTime iso={c.lastMessage.sentAt} /></span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function ConversationScreen() {
  const { handle = "" } = useParams<{ handle: string }>();
  const { t, errorText } = useI18n();
  const { me } = useMe();
  const [, navigate] = useLocation();
  const { subscribe } = useNotifications();
  const awaitPayment = useAwaitPayment();
  const other = useResource<Profile>(handle, (signal) => api<Profile>(`/api/users/${enc(handle)}`, { signal }));
  const thread = useResource<Page<Message>>(`dm:${handle}`, (signal) =>
    api<Page<Message>>(`/api/conversations/${enc(handle)}/messages?limit=50`, { signal }));
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);

  // New messages from this person arrive as notifications: reload the thread then.
  useEffect(() => subscribe((n) => {
    if (n.type === "direct_message" && n.data?.from?.handle === handle) thread.reload();
  }), [subscribe, handle, thread.reload]);

  const messages = [...(thread.data?.items ?? [])].reverse();
  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length]);

  async function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      const sent = await api<Message>(`/api/conversations/${enc(handle)}/messages`, { method: "POST", body: { text: text.trim() } });
      setText("");
      await thread.reload();
      if (looksLikePayment(sent.text ?? "")) {
        setPreparing(true);
        const outcome = await awaitPayment({ messageId: sent.id });
        if (outcome.paymentId) navigate(`/pay/${outcome.paymentId}`);
        else if (outcome.error) setError(errorText(new ApiError(422, outcome.error.code, outcome.error.detail ?? "")));
        else setError(t("compose.slow"));
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setPreparing(false);
    }
  }

  if (other.error instanceof ApiError && other.error.status === 404) {
    return <div className="column"><ScreenTitle>@{handle}</ScreenTitle><p className="empty">{t("profile.notFound", { handle })}</p></div>;
  }
  const name = other.data?.displayName || handle;

  return (
    <div className="column conversation">
      <ScreenTitle>
        <Link href={`/u/${handle}`} className="conversation-title">
          <Avatar user={other.data ?? { handle }} size={36} />
          <span>{t("conversation.with", { name })}</span>
        </Link>
      </ScreenTitle>
      <section className="card thread" aria-label={t("conversation.with", { name })} aria-live="polite">
        {thread.loading && !thread.data ? <Spinner /> : thread.error ? (
          <ErrorNote onRetry={thread.reload}>{errorText(thread.error)}</ErrorNote>
        ) : messages.length === 0 ? (
          <p className="empty">{t("conversation.empty", { name })}</p>
        ) : (
          <ol className="bubbles">
            {messages.map((m) => {
              const mine = m.from?.handle === me?.handle || (!!m.from?.id && m.from.id === me?.id);
              return (
                <li key={m.id} className={`bubble ${mine ? "bubble-mine" : "bubble-theirs"}`} data-testid="message">
                  <span className="visually-hidden">{mine ? t("conversation.you") : name}: </span>
                  <span className="bubble-text"><RichText text={m.text} /></span>
                  <span className="bubble-time"><RelativeTime iso={m.sentAt} /></span>
                </li>
              );
            })}
          </ol>
        )}
        <div ref={end} />
      </section>
      <form className="card dm-compose" onSubmit={send}>
        <label htmlFor="dm-text" className="visually-hidden">{t("conversation.placeholder")}</label>
        <input id="dm-text" className="input" placeholder={t("conversation.placeholder")} value={text} maxLength={1000}
          aria-describedby="dm-hint" onChange={(e) => setText(e.target.value)} />
        <button type="submit" className="button button-primary" disabled={busy || !text.trim()} aria-label={t("conversation.send")}>
          <SendIcon size={18} /> <span className="hide-narrow">{t("conversation.send")}</span>
        </button>
        <p id="dm-hint" className="compose-hint">{t("conversation.hint", { handle })}</p>
      </form>
      {preparing && <Spinner label={t("compose.preparing")} />}
      {error && <ErrorNote>{error}</ErrorNote>}
    </div>
  );
}
