import { useState, type FormEvent } from "react";
import { Link } from "wouter";
import { api, ApiError, enc, newIdempotencyKey } from "../api/client";
import type { Money, Page, Vault, VaultTransaction } from "../api/types";
import { useResource, type Resource } from "../api/useResource";
import { useMe } from "../auth/me";
import { ArrowDownLeftIcon, ArrowUpRightIcon } from "../components/icons";
import { ErrorNote, Field, RelativeTime, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { GoalProgress } from "./Savings";
import { VaultSettings } from "./VaultSettings";

/** One vault: its balance and goal, interest earned, moving money in and out, its history, statements and settings. */
export function VaultScreen({ params }: { params: { id: string } }) {
  const { t, money, errorText, locale } = useI18n();
  const vault = useResource(`vault-${params.id}`, (signal) => api<Vault>(`/api/savings/vaults/${enc(params.id)}`, { signal }));
  const history = useResource(`vault-tx-${params.id}`, (signal) =>
    api<Page<VaultTransaction>>(`/api/savings/vaults/${enc(params.id)}/transactions?limit=50`, { signal }));
  const refresh = async () => { await vault.reload(); await history.reload(); };

  if (vault.loading && !vault.data) return <div className="column"><Spinner /></div>;
  if (vault.error || !vault.data) {
    return <div className="column"><ScreenTitle>{t("savings.title")}</ScreenTitle>
      <ErrorNote onRetry={vault.reload}>{errorText(vault.error)}</ErrorNote>
      <Link href="/savings">{t("common.back")}</Link></div>;
  }
  const v = vault.data;
  const open = v.status === "OPEN";
  return (
    <div className="column">
      <ScreenTitle actions={<Link href="/savings" className="button button-small button-ghost">{t("savings.all")}</Link>}>{v.name}</ScreenTitle>
      <section className="balance-hero savings-hero" aria-labelledby="vault-balance-label">
        <span id="vault-balance-label" className="balance-label">{open ? t("savings.balance") : t("savings.closedOn", { date: v.closedAt?.slice(0, 10) ?? "" })}</span>
        <span className="balance-hero-amount" data-testid="vault-balance">{money(v.balance)}</span>
        <span className="balance-hero-note" data-testid="interest-earned">
          {t("savings.interestEarned", { amount: money(v.interestEarned) })}
          {open && v.interestAccrued && Number(v.interestAccrued.amount) > 0 && ` · ${t("savings.accrued", { amount: accrued(v.interestAccrued, locale) })}`}
        </span>
        {v.goal && <GoalProgress vault={v} />}
      </section>
      {open && <MoveForm vault={v} onDone={refresh} />}
      <h2 className="section-title">{t("savings.history")}</h2>
      <History history={history} />
      <Statement vault={v} />
      {open && <VaultSettings vault={v} onChange={(next) => vault.set(() => next)} />}
    </div>
  );
}

/** Accrued interest below the cent, e.g. "0,0123 €": four decimals are enough to see it grow. */
function accrued(value: Money, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "currency", currency: value.currency, minimumFractionDigits: 4, maximumFractionDigits: 4 })
    .format(Number(value.amount));
}

function MoveForm({ vault, onDone }: { vault: Vault; onDone(): Promise<void> }) {
  const { t, money, errorText } = useI18n();
  const { refreshWallet, wallet } = useMe();
  const [direction, setDirection] = useState<"deposits" | "withdrawals">("deposits");
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const parsed = parseAmount(amount);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!parsed) { setError(t("error.invalid_amount")); return; }
    setError(null);
    setBusy(true);
    try {
      await api(`/api/savings/vaults/${enc(vault.id)}/${direction}`, { method: "POST", idempotencyKey: key, body: { amount: { amount: parsed, currency: "EUR" } } });
      setDone(t(direction === "deposits" ? "savings.moved.in" : "savings.moved.out", { amount: money(parsed) }));
      setAmount("");
      setKey(newIdempotencyKey());
      await Promise.all([onDone(), refreshWallet()]);
    } catch (e) {
      setError(e instanceof ApiError && e.code === "insufficient_funds"
        ? t(direction === "deposits" ? "savings.short.wallet" : "savings.short.vault") : errorText(e));
      if (e instanceof ApiError && e.status !== 0) setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="move-title">
      <h2 id="move-title" className="card-title">{t("savings.move")}</h2>
      <fieldset className="segmented-options">
        <legend className="visually-hidden">{t("savings.direction")}</legend>
        {(["deposits", "withdrawals"] as const).map((d) => (
          <label key={d} className={direction === d ? "selected" : undefined}>
            <input type="radio" name="direction" value={d} checked={direction === d} onChange={() => setDirection(d)} />
            {t(d === "deposits" ? "savings.in" : "savings.out")}
          </label>
        ))}
      </fieldset>
      <Field label={t("wallet.amount")} name="move-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)}
        hint={direction === "deposits" && wallet ? t("savings.walletHas", { amount: money(wallet.balance) }) : t("savings.vaultHas", { amount: money(vault.balance) })}
        error={error} />
      {done && <div className="note note-success" role="status" data-testid="move-done">{done}</div>}
      <button type="submit" className="button button-primary" disabled={busy}>
        {t(direction === "deposits" ? "savings.submitIn" : "savings.submitOut", { amount: parsed ? money(parsed) : "" })}
      </button>
    </form>
  );
}

const KIND: Record<VaultTransaction["kind"], MessageKey> = {
  DEPOSIT: "savings.kind.DEPOSIT", WITHDRAWAL: "savings.kind.WITHDRAWAL", ROUND_UP: "savings.kind.ROUND_UP",
  SCHEDULED: "savings.kind.SCHEDULED", INTEREST: "savings.kind.INTEREST",
};

function History({ history }: { history: Resource<Page<VaultTransaction>> }) {
  const { t, money, errorText } = useI18n();
  if (history.loading && !history.data) return <Spinner />;
  if (history.error) return <ErrorNote onRetry={history.reload}>{errorText(history.error)}</ErrorNote>;
  const rows = history.data?.items ?? [];
  if (rows.length === 0) return <p className="empty">{t("savings.historyEmpty")}</p>;
  return (
    <ol className="card list" aria-label={t("savings.history")} data-testid="vault-history">
      {rows.map((tx) => {
        const incoming = !tx.amount.amount.startsWith("-");
        return (
          <li key={tx.id} className="list-row" data-kind={tx.kind}>
            <span className={`notif-icon ${incoming ? "tone-success" : "tone-info"}`}>
              {incoming ? <ArrowDownLeftIcon size={20} /> : <ArrowUpRightIcon size={20} />}
            </span>
            <span className="list-row-text">
              <span className="list-row-title">{t(KIND[tx.kind])}</span>
              <span className="muted small"><RelativeTime iso={tx.createdAt} /> · {t("savings.balanceAfter", { amount: money(tx.balanceAfter) })}</span>
            </span>
            <span className={`tx-amount ${incoming ? "in" : "out"}`}>{incoming ? "+" : "−"}{money({ ...tx.amount, amount: tx.amount.amount.replace(/^-/, "") })}</span>
          </li>
        );
      })}
    </ol>
  );
}

/** A month's statement, downloaded as CSV (the API serves it with Accept: text/csv). */
function Statement({ vault }: { vault: Vault }) {
  const { t, errorText } = useI18n();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    try {
      const csv = await api<string>(`/api/savings/vaults/${enc(vault.id)}/statements/${enc(month)}`, { accept: "text/csv" });
      const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = `${vault.name}-${month}.csv`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <section className="card stack" aria-labelledby="statement-title">
      <h2 id="statement-title" className="card-title">{t("savings.statement")}</h2>
      <div className="row row-fields">
        <Field label={t("savings.month")} name="statement-month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} error={error} />
      </div>
      <button type="button" className="button button-ghost" onClick={download}>{t("savings.downloadCsv")}</button>
    </section>
  );
}
