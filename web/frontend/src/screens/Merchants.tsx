import { useState, type FormEvent } from "react";
import { api, enc } from "../api/client";
import type { CheckoutSession, ClientSecretIssued, Merchant, MerchantOpened, WebhookDelivery, WebhookEndpoint } from "../api/types";
import { useResource } from "../api/useResource";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";
import { MerchantPayoutsCard } from "./MerchantPayouts";

/** A merchant owner's dashboard: their merchants, each one's sessions, webhook endpoints with deliveries, and secrets. */
export function MerchantsScreen() {
  const { t, errorText } = useI18n();
  const merchants = useResource<{ items: Merchant[] }>("merchants", (signal) => api("/api/merchants", { signal }));
  const [selected, setSelected] = useState<string>();
  const [name, setName] = useState("");
  const [mcc, setMcc] = useState("5812");
  const [email, setEmail] = useState("");
  const [opened, setOpened] = useState<MerchantOpened>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function open(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const merchant = await api<MerchantOpened>("/api/merchants", { method: "POST", body: { name, mcc, supportEmail: email } });
      setOpened(merchant);
      setSelected(merchant.id);
      setName("");
      merchants.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const list = merchants.data?.items ?? [];
  const current = list.find((m) => m.id === selected) ?? list[0];
  return (
    <div className="column">
      <ScreenTitle>{t("merchants.title")}</ScreenTitle>
      {merchants.loading && !merchants.data ? <Spinner />
        : merchants.error ? <ErrorNote onRetry={merchants.reload}>{errorText(merchants.error)}</ErrorNote>
        : list.length > 0 && (
          <div className="row" role="tablist" aria-label={t("merchants.title")}>
            {list.map((m) => (
              <button key={m.id} type="button" role="tab" aria-selected={m.id === current?.id} onClick={() => setSelected(m.id)}
                className={`button button-small ${m.id === current?.id ? "button-primary" : "button-ghost"}`}>{m.name}</button>
            ))}
          </div>
        )}
      {opened && (
        <section className="card stack note note-info" data-testid="merchant-opened" role="status">
          <strong>{t("merchants.secretOnce")}</strong>
          <span>{t("merchants.clientId")} <code>{opened.clientId}</code></span>
          <span>{t("merchants.clientSecret")} <code data-testid="merchant-secret">{opened.clientSecret}</code></span>
        </section>
      )}
      {current && <MerchantDetail key={current.id} merchant={current} />}
      <form className="card stack" onSubmit={open} noValidate aria-label={t("merchants.new")}>
        <h2 className="card-title">{t("merchants.new")}</h2>
        <Field label={t("merchants.field.name")} name="name" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        <Field label={t("merchants.field.mcc")} name="mcc" maxLength={4} inputMode="numeric" value={mcc} onChange={(e) => setMcc(e.target.value)} />
        <Field label={t("merchants.field.email")} name="supportEmail" type="email" maxLength={254} value={email} onChange={(e) => setEmail(e.target.value)} />
        {error && <ErrorNote>{error}</ErrorNote>}
        <button type="submit" className="button button-primary" disabled={busy}>{t("merchants.open")}</button>
      </form>
    </div>
  );
}

function MerchantDetail({ merchant }: { merchant: Merchant }) {
  const i18n = useI18n();
  const { t, money, errorText } = i18n;
  const base = `/api/merchants/${enc(merchant.id)}`;
  const sessions = useResource<{ items: CheckoutSession[] }>(`merchant-sessions:${merchant.id}`, (signal) => api(`${base}/sessions`, { signal }));
  const endpoints = useResource<{ items: WebhookEndpoint[] }>(`merchant-endpoints:${merchant.id}`, (signal) => api(`${base}/webhook-endpoints`, { signal }));
  const [secret, setSecret] = useState<ClientSecretIssued>();
  const [error, setError] = useState<string>();

  async function rotate() {
    setError(undefined);
    try {
      setSecret(await api<ClientSecretIssued>(`${base}/credentials`, { method: "POST", body: { revokeOthers: false } }));
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <>
      <section className="card stack" aria-labelledby="merchant-credentials">
        <h2 id="merchant-credentials" className="card-title">{merchant.name}</h2>
        <p className="muted small">{t("merchants.clientId")} <code data-testid="merchant-client-id">{merchant.clientId}</code> · MCC {merchant.mcc} · {merchant.supportEmail}</p>
        {secret ? (
          <div className="note note-info" role="status" data-testid="merchant-rotated">
            <span>{t("merchants.secretOnce")} <code data-testid="merchant-new-secret">{secret.clientSecret}</code>
              {secret.previousSecretsExpireAt && <> {t("merchants.previousExpire", { time: i18n.time(secret.previousSecretsExpireAt) })}</>}</span>
          </div>
        ) : (
          <button type="button" className="button button-small button-ghost" onClick={rotate}>{t("merchants.rotate")}</button>
        )}
        {error && <ErrorNote>{error}</ErrorNote>}
      </section>
      <section className="card stack" aria-labelledby="merchant-sessions">
        <h2 id="merchant-sessions" className="card-title">{t("merchants.sessions")}</h2>
        {sessions.loading && !sessions.data ? <Spinner />
          : sessions.error ? <ErrorNote onRetry={sessions.reload}>{errorText(sessions.error)}</ErrorNote>
          : sessions.data?.items.length === 0 ? <p className="empty">{t("merchants.noSessions")}</p>
          : (
            <ul className="plain-list" data-testid="merchant-sessions">
              {sessions.data?.items.map((s) => (
                <li key={s.id} className="preview-row" data-testid="merchant-session">
                  <span className="small">{s.reference ?? s.id.slice(0, 8)}</span>
                  <span className="muted small">{t(`merchants.status.${s.status}`)} · {i18n.time(s.createdAt)}</span>
                  {Number(s.amountRefunded.amount) > 0 && <span className="muted small">{t("merchants.refunded", { amount: money(s.amountRefunded) })}</span>}
                  <strong>{money(s.amount)}</strong>
                </li>
              ))}
            </ul>
          )}
      </section>
      <MerchantPayoutsCard base={base} merchantId={merchant.id} />
      <section className="card stack" aria-labelledby="merchant-webhooks">
        <h2 id="merchant-webhooks" className="card-title">{t("merchants.webhooks")}</h2>
        {endpoints.error ? <ErrorNote onRetry={endpoints.reload}>{errorText(endpoints.error)}</ErrorNote>
          : endpoints.data?.items.length === 0 ? <p className="empty">{t("merchants.noEndpoints")}</p>
          : endpoints.data?.items.map((e) => <EndpointLog key={e.id} base={base} endpoint={e} />)}
      </section>
    </>
  );
}

function EndpointLog({ base, endpoint }: { base: string; endpoint: WebhookEndpoint }) {
  const i18n = useI18n();
  const { t, errorText } = i18n;
  const path = `${base}/webhook-endpoints/${enc(endpoint.id)}`;
  const deliveries = useResource<{ items: WebhookDelivery[] }>(`merchant-deliveries:${endpoint.id}`,
    (signal) => api(`${path}/deliveries`, { signal }));
  const [testSent, setTestSent] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function sendTest() {
    setBusy(true);
    setError(undefined);
    setTestSent(false);
    try {
      await api<WebhookDelivery>(`${path}/test`, { method: "POST" });
      setTestSent(true);
      deliveries.reload();
      window.setTimeout(deliveries.reload, 1500); // by then it was most likely sent: show how it went
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="stack" data-testid="merchant-endpoint" open>
      <summary><code>{endpoint.url}</code> {endpoint.enabled ? "" : <span className="muted small">{t("merchants.disabled")}</span>}</summary>
      <p className="muted small">{endpoint.events.join(", ")}</p>
      {deliveries.error ? <ErrorNote onRetry={deliveries.reload}>{errorText(deliveries.error)}</ErrorNote>
        : deliveries.data?.items.length === 0 ? <p className="empty">{t("merchants.noDeliveries")}</p>
        : (
          <ul className="plain-list">
            {deliveries.data?.items.map((d) => (
              <li key={d.id} className="preview-row" data-testid="merchant-delivery">
                <span className="small">{d.type}</span>
                <span className="muted small">{i18n.time(d.createdAt)} · {t("merchants.attempts", { n: String(d.attempts) })}
                  {d.lastStatusCode != null && <> · HTTP {d.lastStatusCode}</>}</span>
                <strong>{t(`merchants.delivery.${d.status}`)}</strong>
              </li>
            ))}
          </ul>
        )}
      {testSent && <p className="note note-info small" role="status">{t("merchants.testSent")}</p>}
      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="row">
        <button type="button" className="button button-small button-ghost" onClick={sendTest} disabled={busy || !endpoint.enabled}>{t("merchants.sendTest")}</button>
        <button type="button" className="button button-small button-ghost" onClick={deliveries.reload}>{t("merchants.refresh")}</button>
      </div>
    </details>
  );
}
