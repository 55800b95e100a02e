import { useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "wouter";
import { api, ApiError, enc, newIdempotencyKey } from "../api/client";
import type { Money, Pot, PotContribution as Contribution } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

export type { Pot };

/** The caller's pots, and a form to open one. */
export function PotsScreen() {
  const { t, money, errorText } = useI18n();
  const [, navigate] = useLocation();
  const mine = useResource<Pot[]>("mine", (signal) => api<Pot[]>("/api/pots", { signal }));
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [target, setTarget] = useState("");
  const [visibility, setVisibility] = useState<Pot["contributionVisibility"]>("PUBLIC");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function open(event: FormEvent) {
    event.preventDefault();
    const parsed = target.trim() ? parseAmount(target) : null;
    if (target.trim() && !parsed) return setError(t("error.invalid_amount"));
    setBusy(true);
    setError(null);
    try {
      const pot = await api<Pot>("/api/pots", {
        method: "POST",
        body: { title, ...(description.trim() ? { description } : {}), ...(parsed ? { target: { amount: parsed, currency: "EUR" } } : {}), contributionVisibility: visibility },
      });
      navigate(`/pots/${pot.slug}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{t("pots.title")}</ScreenTitle>
      <form className="card stack" onSubmit={open} noValidate aria-label={t("pots.new")}>
        <h2 className="card-title">{t("pots.new")}</h2>
        <Field label={t("pots.field.title")} name="title" maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Field label={t("pots.field.description")} name="description" maxLength={1000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <Field label={t("pots.field.target")} name="target" inputMode="decimal" value={target} onChange={(e) => setTarget(e.target.value)} />
        <div className="field">
          <label htmlFor="pot-visibility">{t("pots.field.visibility")}</label>
          <select id="pot-visibility" className="input" value={visibility} onChange={(e) => setVisibility(e.target.value as Pot["contributionVisibility"])}>
            {(["PUBLIC", "FOLLOWERS", "ORGANISER"] as const).map((v) => <option key={v} value={v}>{t(`pots.visibility.${v}`)}</option>)}
          </select>
        </div>
        {error && <ErrorNote>{error}</ErrorNote>}
        <button type="submit" className="button button-primary button-block" disabled={busy}>{t("pots.open")}</button>
      </form>
      {mine.data && mine.data.length > 0 && (
        <section className="card stack">
          <h2 className="card-title">{t("pots.mine")}</h2>
          <ul className="plain-list">
            {mine.data.map((p) => (
              <li key={p.id}><Link href={`/pots/${p.slug}`}>{p.title}</Link> · {money(p.total)} · {t(`pots.status.${p.status}`)}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** A pot's page: progress, contributors as each chose to show, the contribute form; the organiser's withdraw and close. */
export function PotScreen() {
  const { ref = "" } = useParams<{ ref: string }>();
  const { t, money, errorText, plural } = useI18n();
  const { me, refreshWallet } = useMe();
  const [, navigate] = useLocation();
  const [version, setVersion] = useState(0);
  const pot = useResource<Pot>(`${ref}#${version}`, (signal) => api<Pot>(`/api/pots/${enc(ref)}`, { signal }));
  const list = useResource<{ items: Contribution[] }>(`${ref}#${version}`, (signal) => api(`/api/pots/${enc(ref)}/contributions?limit=50`, { signal }));
  const [amount, setAmount] = useState("");
  const [anonymous, setAnonymous] = useState(false);
  const [hideAmount, setHideAmount] = useState(false);
  const [withdrawAmount, setWithdrawAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  if (pot.error) return <div className="column narrow"><ScreenTitle>{t("pots.title")}</ScreenTitle><ErrorNote onRetry={pot.reload}>{errorText(pot.error)}</ErrorNote></div>;
  const p = pot.data;
  if (!p) return <div className="column narrow"><Spinner /></div>;
  const organiser = me?.handle === p.organiser;
  const percent = p.target ? Math.min(100, Math.round((Number(p.total.amount) / Number(p.target.amount)) * 100)) : null;

  async function contribute(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmount(amount);
    if (!parsed) return setError(t("error.invalid_amount"));
    setBusy(true);
    setError(null);
    try {
      const created = await api<{ paymentId: string }>(`/api/pots/${enc(p!.id)}/contributions`, {
        method: "POST", idempotencyKey: key, body: { amount: { amount: parsed, currency: "EUR" }, anonymous, hideAmount },
      });
      navigate(`/pay/${created.paymentId}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  async function withdraw(event: FormEvent) {
    event.preventDefault();
    const parsed = withdrawAmount.trim() ? parseAmount(withdrawAmount) : null;
    if (withdrawAmount.trim() && !parsed) return setError(t("error.invalid_amount"));
    setBusy(true);
    setError(null);
    try {
      const done = await api<{ amount: Money }>(`/api/pots/${enc(p!.id)}/withdrawals`, {
        method: "POST", idempotencyKey: newIdempotencyKey(), body: parsed ? { amount: { amount: parsed, currency: "EUR" } } : {},
      });
      setNotice(t("pots.withdrawn", { amount: money(done.amount) }));
      setWithdrawAmount("");
      await refreshWallet();
      setVersion((v) => v + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function close() {
    setBusy(true);
    try {
      await api(`/api/pots/${enc(p!.id)}/close`, { method: "POST" });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e instanceof ApiError ? errorText(e) : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{p.title}</ScreenTitle>
      <section className="card stack" data-testid="pot">
        <p className="muted">{p.address} · {t("pots.by", { handle: `@${p.organiser}` })} · <span data-testid="pot-status">{t(`pots.status.${p.status}`)}</span></p>
        {p.description && <p>{p.description}</p>}
        <p className="pot-total" data-testid="pot-total">
          {p.target ? t("pots.progress", { total: money(p.total), target: money(p.target) }) : t("pots.collected", { total: money(p.total) })}
        </p>
        {percent !== null && (
          <div className="progress" role="progressbar" aria-label={t("pots.progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
            <div className="progress-bar" style={{ width: `${percent}%` }} />
          </div>
        )}
        <p className="muted">{plural("pots.contributors", p.contributors)}</p>
        {organiser && p.balance && <p data-testid="pot-balance">{t("pots.balance", { amount: money(p.balance) })}</p>}
      </section>
      {error && <ErrorNote>{error}</ErrorNote>}
      {notice && <p className="card" role="status">{notice}</p>}
      {p.status === "OPEN" && !organiser && (
        <form className="card stack" onSubmit={contribute} noValidate aria-label={t("pots.contribute")}>
          <Field label={t("pots.amount")} name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          <label className="check"><input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} /> {t("pots.anonymous")}</label>
          <label className="check"><input type="checkbox" checked={hideAmount} onChange={(e) => setHideAmount(e.target.checked)} /> {t("pots.hideAmount")}</label>
          <button type="submit" className="button button-primary button-block" disabled={busy}>{t("pots.contribute")}</button>
          <p className="muted">{t("pots.byPost", { address: p.address })}</p>
        </form>
      )}
      {organiser && (
        <section className="card stack">
          <form className="stack" onSubmit={withdraw} noValidate aria-label={t("pots.withdraw")}>
            <Field label={t("pots.withdrawAmount")} name="withdraw" inputMode="decimal" hint={t("pots.withdrawHint")}
              value={withdrawAmount} onChange={(e) => setWithdrawAmount(e.target.value)} />
            <button type="submit" className="button button-primary" disabled={busy}>{t("pots.withdraw")}</button>
          </form>
          {p.status === "OPEN" && <button type="button" className="button button-ghost" onClick={close} disabled={busy}>{t("pots.close")}</button>}
        </section>
      )}
      <section className="card stack">
        <h2 className="card-title">{t("pots.list")}</h2>
        {list.data && list.data.items.length === 0 && <p className="muted">{t("pots.none")}</p>}
        <ul className="plain-list" data-testid="pot-contributions">
          {list.data?.items.map((c) => (
            <li key={c.id}>
              {c.contributor ? `@${c.contributor}` : t("pots.someone")} · {c.amount ? money(c.amount) : t("pots.hidden")}{c.note ? ` · ${c.note}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
