import { useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { api, enc, newIdempotencyKey } from "../api/client";
import type { MoneyRequest, MoneyRequestPayment } from "../api/types";
import { useResource } from "../api/useResource";
import { ErrorNote, Field, RelativeTime, ScreenTitle } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

type Mode = "each" | "even" | "amounts";

/** Pays the caller's part of a request: the payment waits for the PIN on the confirmation screen. */
export async function payRequest(id: string): Promise<string> {
  const payment = await api<MoneyRequestPayment>(`/api/requests/${enc(id)}/pay`, { method: "POST" });
  return payment.paymentId;
}

export async function declineRequest(id: string): Promise<void> {
  await api(`/api/requests/${enc(id)}/decline`, { method: "POST" });
}

/** Ask friends for money or split a bill; what you asked (who paid) and what you are asked (Pay / Decline). */
export function RequestsScreen() {
  const { t, money, errorText } = useI18n();
  const [, navigate] = useLocation();
  const [version, setVersion] = useState(0);
  const outgoing = useResource<{ items: MoneyRequest[] }>(`out#${version}`, (signal) => api("/api/requests?role=outgoing", { signal }));
  const incoming = useResource<{ items: MoneyRequest[] }>(`in#${version}`, (signal) => api("/api/requests?role=incoming", { signal }));
  const [from, setFrom] = useState("");
  const [mode, setMode] = useState<Mode>("each");
  const [amount, setAmount] = useState("");
  const [amounts, setAmounts] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  async function ask(event: FormEvent) {
    event.preventDefault();
    const handles = from.split(/[\s,;]+/).map((h) => h.trim()).filter(Boolean);
    const parsed = parseAmount(amount);
    if (handles.length === 0) return setError(t("requests.error.nobody"));
    if (!parsed) return setError(t("error.invalid_amount"));
    const parts = mode === "amounts" ? amounts.split(/[\s;]+/).filter(Boolean).map(parseAmount) : [];
    if (parts.some((p) => !p)) return setError(t("error.invalid_amount"));
    const euros = (a: string | null) => ({ amount: a!, currency: "EUR" });
    const body = mode === "each"
      ? { from: handles, amount: euros(parsed) }
      : { from: handles, split: { total: euros(parsed), ...(mode === "amounts" ? { amounts: parts.map(euros) } : {}) } };
    setBusy(true);
    setError(null);
    try {
      await api<MoneyRequest>("/api/requests", { method: "POST", idempotencyKey: key, body: { ...body, ...(note.trim() ? { note } : {}) } });
      setNotice(t("requests.sent"));
      setFrom("");
      setAmount("");
      setAmounts("");
      setNote("");
      setKey(newIdempotencyKey());
      setVersion((v) => v + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function act(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{t("requests.title")}</ScreenTitle>
      <form className="card stack" onSubmit={ask} noValidate aria-label={t("requests.new")}>
        <h2 className="card-title">{t("requests.new")}</h2>
        <Field label={t("requests.field.from")} name="from" hint={t("requests.field.fromHint")} value={from} onChange={(e) => setFrom(e.target.value)} />
        <fieldset className="stack">
          <legend>{t("requests.field.mode")}</legend>
          {(["each", "even", "amounts"] as const).map((m) => (
            <label key={m} className="check">
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`requests.mode.${m}`)}
            </label>
          ))}
        </fieldset>
        <Field label={t(mode === "each" ? "requests.field.amount" : "requests.field.total")} name="amount" inputMode="decimal"
          value={amount} onChange={(e) => setAmount(e.target.value)} />
        {mode === "amounts" && (
          <Field label={t("requests.field.amounts")} name="amounts" hint={t("requests.field.amountsHint")} value={amounts}
            onChange={(e) => setAmounts(e.target.value)} />
        )}
        {mode === "even" && <p className="muted small">{t("requests.evenRule")}</p>}
        <Field label={t("requests.field.note")} name="note" maxLength={280} value={note} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button-primary button-block" disabled={busy}>{t("requests.send")}</button>
        <p className="muted small">{t("requests.byPost")}</p>
      </form>
      {error && <ErrorNote>{error}</ErrorNote>}
      {notice && <p className="card" role="status">{notice}</p>}
      <section className="card stack" aria-label={t("requests.incoming")}>
        <h2 className="card-title">{t("requests.incoming")}</h2>
        {incoming.data?.items.length === 0 && <p className="muted">{t("requests.none")}</p>}
        <ul className="plain-list" data-testid="requests-incoming">
          {incoming.data?.items.map((r) => r.items.map((item) => (
            <li key={r.id} className="row">
              <span>{t("requests.asksYou", { who: `@${r.requester}`, amount: money(item.amount) })}{r.note ? ` · ${r.note}` : ""} · <RelativeTime iso={r.createdAt} /></span>
              {item.status === "PENDING" ? (
                <span className="row">
                  <button type="button" className="button button-small button-primary" disabled={busy}
                    onClick={() => act(async () => navigate(`/pay/${await payRequest(r.id)}`))}>{t("requests.pay")}</button>
                  <button type="button" className="button button-small button-ghost" disabled={busy}
                    onClick={() => act(async () => { await declineRequest(r.id); setVersion((v) => v + 1); })}>{t("requests.decline")}</button>
                </span>
              ) : <span className="muted" data-testid="request-status">{t(`requests.status.${item.status}`)}</span>}
            </li>
          )))}
        </ul>
      </section>
      <section className="card stack" aria-label={t("requests.outgoing")}>
        <h2 className="card-title">{t("requests.outgoing")}</h2>
        {outgoing.data?.items.length === 0 && <p className="muted">{t("requests.none")}</p>}
        <ul className="plain-list" data-testid="requests-outgoing">
          {outgoing.data?.items.map((r) => (
            <li key={r.id} className="stack">
              <span className="row">
                <strong>{r.total ? t("requests.split", { total: money(r.total) }) : t("requests.each")}</strong>
                {r.note && <span className="muted">{r.note}</span>}
                <RelativeTime iso={r.createdAt} />
                {r.items.some((i) => i.status === "PENDING") && (
                  <button type="button" className="button button-small button-ghost" disabled={busy}
                    onClick={() => act(async () => {
                      const done = await api<{ reminded: string[] }>(`/api/requests/${enc(r.id)}/remind`, { method: "POST" });
                      setNotice(t("requests.reminded", { who: done.reminded.map((h) => `@${h}`).join(", ") }));
                      setVersion((v) => v + 1);
                    })}>{t("requests.remind")}</button>
                )}
              </span>
              <ul className="plain-list">
                {r.items.map((i) => (
                  <li key={i.payer} data-testid="request-item">@{i.payer} · {money(i.amount)} · <span data-testid="request-status">{t(`requests.status.${i.status}`)}</span></li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
