import { useState, type FormEvent } from "react";
import { Link, useLocation, useParams, useSearch } from "wouter";
import { api, ApiError, enc, newIdempotencyKey } from "../api/client";
import type { Unlockable, UnlockableList, Unlocked, UnlockedContent, UnlockPurchased, UnlockStats, UploadedFile } from "../api/types";
import { useResource } from "../api/useResource";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";

/** The creator's side: publish an item whose content people unlock by posting, and the items published so far. */
export function UnlocksScreen() {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const mine = useResource<UnlockableList>("mine", (signal) => api<UnlockableList>("/api/unlockables", { signal }));
  const [title, setTitle] = useState("");
  const [teaser, setTeaser] = useState("");
  const [text, setText] = useState("");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [price, setPrice] = useState("");
  const [template, setTemplate] = useState(t("unlocks.defaultTemplate"));
  const [required, setRequired] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function publish(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const requiredText = required.split(/\s+/).map((s) => s.trim()).filter(Boolean);
      const uploaded = file
        ? await api<UploadedFile>(`/api/unlockables/files?name=${enc(file.name)}`, { method: "POST", file })
        : null;
      const item = await api<Unlockable>("/api/unlockables", {
        method: "POST",
        body: {
          title, teaser, postTemplate: template, requiredText,
          content: { ...(text.trim() ? { text } : {}), ...(url.trim() ? { url: url.trim() } : {}), ...(uploaded ? { fileId: uploaded.id } : {}) },
          ...(price.trim() ? { price: { amount: price.trim().replace(",", "."), currency: "EUR" as const } } : {}),
        },
      });
      navigate(`/unlock/${item.id}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{t("unlocks.title")}</ScreenTitle>
      <p className="muted">{t("unlocks.pitch")}</p>
      <form className="card stack" onSubmit={publish} noValidate aria-label={t("unlocks.new")}>
        <h2 className="card-title">{t("unlocks.new")}</h2>
        <Field label={t("unlocks.field.title")} name="title" maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Field label={t("unlocks.field.teaser")} name="teaser" maxLength={500} value={teaser} onChange={(e) => setTeaser(e.target.value)} />
        <div className="field">
          <label htmlFor="unlock-content">{t("unlocks.field.content")}</label>
          <textarea id="unlock-content" name="content" className="input" rows={4} maxLength={10000} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <Field label={t("unlocks.field.url")} name="url" type="url" maxLength={2000} value={url} onChange={(e) => setUrl(e.target.value)} />
        <div className="field">
          <label htmlFor="unlock-file">{t("unlocks.field.file")}</label>
          <input id="unlock-file" name="file" type="file" className="input" data-testid="unlock-file" aria-describedby="unlock-file-hint"
            accept="application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain,application/zip,application/epub+zip,audio/mpeg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <p className="field-hint" id="unlock-file-hint">{t("unlocks.fileHint")}</p>
        </div>
        <div className="field">
          <label htmlFor="unlock-template">{t("unlocks.field.template")}</label>
          <textarea id="unlock-template" name="template" className="input" rows={3} maxLength={280} value={template}
            aria-describedby="unlock-template-hint" onChange={(e) => setTemplate(e.target.value)} />
          <p className="field-hint" id="unlock-template-hint">{t("unlocks.templateHint")}</p>
        </div>
        <Field label={t("unlocks.field.price")} name="price" inputMode="decimal" maxLength={9} hint={t("unlocks.priceHint")} value={price}
          onChange={(e) => setPrice(e.target.value)} />
        <Field label={t("unlocks.field.required")} name="required" hint={t("unlocks.requiredHint")} value={required}
          onChange={(e) => setRequired(e.target.value)} />
        {error && <ErrorNote>{error}</ErrorNote>}
        <button type="submit" className="button button-primary button-block" disabled={busy}>{t("unlocks.publish")}</button>
      </form>
      {mine.data && mine.data.items.length > 0 && (
        <section className="card stack">
          <h2 className="card-title">{t("unlocks.mine")}</h2>
          <ul className="plain-list">
            {mine.data.items.map((i) => (
              <li key={i.id}><Link href={`/unlock/${i.id}`}>{i.title}</Link> · <Link href={`/unlock/${i.id}/stats`}>{t("unlocks.stats")}</Link></li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function formatSize(bytes: number) {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An item: the teaser, the post that unlocks it (editable within the creator's rules), then the content. */
export function UnlockScreen() {
  const { id = "" } = useParams<{ id: string }>();
  const via = new URLSearchParams(useSearch()).get("via") ?? undefined;
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const item = useResource<Unlockable>(`${id}#${version}`, (signal) => api<Unlockable>(`/api/unlockables/${enc(id)}`, { signal }));
  const { errorText } = useI18n();
  if (item.error) return <div className="column narrow"><ScreenTitle>{t("unlocks.title")}</ScreenTitle><ErrorNote onRetry={item.reload}>{errorText(item.error)}</ErrorNote></div>;
  if (!item.data) return <div className="column narrow"><Spinner /></div>;
  return (
    <div className="column narrow">
      <ScreenTitle>{item.data.title}</ScreenTitle>
      <UnlockableCard item={item.data} via={via} onUnlocked={() => setVersion((v) => v + 1)} />
    </div>
  );
}

/** The card shown on the item's page and under a post that links to it. */
export function UnlockableCard({ item, via, onUnlocked, compact }: { item: Unlockable; via?: string; onUnlocked?: () => void; compact?: boolean }) {
  const { t, errorText, money } = useI18n();
  const [text, setText] = useState(item.postTemplate);
  const [pin, setPin] = useState("");
  const [payKey, setPayKey] = useState(newIdempotencyKey);
  const [content, setContent] = useState<UnlockedContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const length = [...text.trim()].length;
  const missing = item.requiredText.filter((f) => !text.includes(f));

  async function unlock() {
    setBusy(true);
    setError(null);
    const body = { ...(text.trim() === item.postTemplate ? {} : { text }), ...(via ? { via } : {}) };
    try {
      let done: Unlocked;
      try {
        done = await api<Unlocked>(`/api/unlockables/${enc(item.id)}/unlock`, { method: "POST", body });
      } catch (e) {
        // A link shared in an ordinary post is no unlock post: unlock without the chain rather than not at all.
        if (!(e instanceof ApiError && e.code === "invalid_via")) throw e;
        done = await api<Unlocked>(`/api/unlockables/${enc(item.id)}/unlock`, { method: "POST", body: { ...body, via: undefined } });
      }
      setContent(await api<UnlockedContent>(done.contentUrl));
      onUnlocked?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function pay() {
    setBusy(true);
    setError(null);
    try {
      const paid = await api<UnlockPurchased>(`/api/unlockables/${enc(item.id)}/purchase`, { method: "POST", body: { pin }, idempotencyKey: payKey });
      setContent(await api<UnlockedContent>(paid.contentUrl));
      onUnlocked?.();
    } catch (e) {
      // a refusal moved nothing: the next try is a new request
      setPayKey(newIdempotencyKey());
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const shown = content ?? (item.content ? { id: item.id, title: item.title, ...item.content } : null);
  return (
    <section className="card stack unlockable" data-testid="unlockable" aria-label={t("unlocks.card", { title: item.title })}>
      {compact && <h3 className="card-title">{item.title}</h3>}
      <p className="muted">{t("unlocks.by", { handle: `@${item.creator}` })}</p>
      <p data-testid="unlockable-teaser">{item.teaser}</p>
      {shown ? (
        <div className="stack" data-testid="unlockable-content">
          <h4>{t("unlocks.content")}</h4>
          {shown.text && <p className="unlockable-text">{shown.text}</p>}
          {shown.url && <p><a href={shown.url} target="_blank" rel="noopener noreferrer">{shown.url}</a></p>}
          {shown.file && (
            <p>
              <a href={shown.file.url} download={shown.file.name} data-testid="unlockable-file">{t("unlocks.download", { name: shown.file.name })}</a>
              {" "}<span className="muted">({formatSize(shown.file.size)})</span>
            </p>
          )}
          {item.mine && <Link href={`/unlock/${item.id}/stats`}>{t("unlocks.stats")}</Link>}
        </div>
      ) : compact ? (
        <Link href={`/unlock/${item.id}${via ? `?via=${enc(via)}` : ""}`} className="button button-primary">{t("unlocks.unlockByPosting")}</Link>
      ) : (
        <div className="stack">
          <div className="field">
            <label htmlFor={`unlock-post-${item.id}`}>{t("unlocks.preview")}</label>
            <textarea id={`unlock-post-${item.id}`} className="input" rows={3} maxLength={item.maxLength} value={text}
              aria-describedby={`unlock-rules-${item.id}`} onChange={(e) => setText(e.target.value)} data-testid="unlock-post" />
            <p className="field-hint" id={`unlock-rules-${item.id}`}>
              {t("unlocks.rules", { length, max: item.maxLength })}{" "}
              {item.requiredText.map((f) => <span key={f}> <code className={missing.includes(f) ? "missing" : undefined}>{f}</code></span>)}
            </p>
          </div>
          {error && <ErrorNote>{error}</ErrorNote>}
          <button type="button" className="button button-primary button-block" disabled={busy} onClick={unlock} data-testid="unlock-button">
            {t("unlocks.unlock")}
          </button>
          <p className="muted">{t("unlocks.revokeNote")}</p>
          {item.price && (
            <div className="stack unlock-pay" data-testid="unlock-pay">
              <Field label={t("confirm.pin")} name={`unlock-pin-${item.id}`} type="password" inputMode="numeric" autoComplete="off" maxLength={6}
                value={pin} onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))} />
              <button type="button" className="button button-block" disabled={busy || pin.length < 4} onClick={pay} data-testid="unlock-pay-button">
                {t("unlocks.orPay", { amount: money(item.price) })}
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}

/** The creator's view of an item: unlocks, reach, conversion, and who unlocked from whose post. */
export function UnlockStatsScreen() {
  const { id = "" } = useParams<{ id: string }>();
  const { t, errorText, plural, money } = useI18n();
  const item = useResource<Unlockable>(id, (signal) => api<Unlockable>(`/api/unlockables/${enc(id)}`, { signal }));
  const stats = useResource<UnlockStats>(id, (signal) => api<UnlockStats>(`/api/unlockables/${enc(id)}/stats`, { signal }));
  if (stats.error) return <div className="column narrow"><ScreenTitle>{t("unlocks.stats")}</ScreenTitle><ErrorNote onRetry={stats.reload}>{errorText(stats.error)}</ErrorNote></div>;
  if (!stats.data) return <div className="column narrow"><Spinner /></div>;
  const s = stats.data;
  return (
    <div className="column narrow">
      <ScreenTitle>{t("unlocks.statsOf", { title: item.data?.title ?? "" })}</ScreenTitle>
      <section className="card stack" data-testid="unlock-stats">
        <dl className="stats">
          <div><dt>{t("unlocks.unlocks")}</dt><dd data-testid="stat-unlocks">{s.unlocks}</dd></div>
          <div><dt>{t("unlocks.reach")}</dt><dd data-testid="stat-reach">{s.reach}</dd></div>
          <div><dt>{t("unlocks.byPost")}</dt><dd data-testid="stat-by-post">{s.byPost}</dd></div>
          <div><dt>{t("unlocks.paid")}</dt><dd data-testid="stat-paid">{s.paid} · {money(s.revenue)}</dd></div>
          <div><dt>{t("unlocks.conversion")}</dt><dd data-testid="stat-conversion">{s.conversion === undefined ? "—" : `${(Number(s.conversion) * 100).toFixed(1)} %`}</dd></div>
        </dl>
      </section>
      <section className="card stack">
        <h2 className="card-title">{t("unlocks.chain")}</h2>
        {s.chain.length === 0 && <p className="muted">{t("unlocks.noUnlocks")}</p>}
        <ol className="plain-list unlock-chain" data-testid="unlock-chain">
          {s.chain.map((c) => (
            <li key={`${c.user}-${c.at}`}>
              <Link href={`/u/${c.user}`}>@{c.user}</Link>
              {c.kind === "PAID" ? <> · {t("unlocks.paidUnlock")}</> : <>
                {c.via ? <> ← {t("unlocks.via")} <Link href={`/u/${c.via}`}>@{c.via}</Link></> : <> · {t("unlocks.direct")}</>}
                {" · "}{plural("unlocks.audience", c.audience)}</>}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
