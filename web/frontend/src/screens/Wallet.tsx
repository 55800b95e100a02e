import { useEffect, useMemo, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { api, ApiError, newIdempotencyKey } from "../api/client";
import type { Money, Page, Transaction } from "../api/types";
import { useResource, type Resource } from "../api/useResource";
import { useMe } from "../auth/me";
import { ArrowDownLeftIcon, ArrowUpRightIcon, CardIcon, PlusIcon, SendIcon } from "../components/icons";
import { ErrorNote, Field, RelativeTime, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";
import { PendingHolds } from "./PendingHolds";
import type { MessageKey } from "../i18n/en";

type TopUp = { id: string; status: string; amount: Money; card?: { brand?: string; last4?: string } };

export function WalletScreen() {
  const { t, money } = useI18n();
  const { wallet, refreshWallet } = useMe();
  const perPayment = wallet?.limits?.perPaymentToPerson as Money | undefined;
  // The top-up form is open for an empty wallet (a new user's first step) and one click away otherwise.
  const [topUp, setTopUp] = useState<boolean | null>(null);
  const topUpOpen = topUp ?? (wallet !== undefined && Number(wallet.balance.amount) === 0);
  const history = useResource<Page<Transaction>>("tx", (signal) => api<Page<Transaction>>("/api/wallet/transactions?limit=30", { signal }));
  // Card purchases move the balance without the user doing anything here: read it afresh when the wallet opens.
  useEffect(() => {
    refreshWallet();
  }, [refreshWallet]);

  return (
    <div className="column">
      <ScreenTitle>{t("wallet.title")}</ScreenTitle>
      <section className="balance-hero" aria-labelledby="balance-label">
        <span id="balance-label" className="balance-label">{t("wallet.balance")}</span>
        <span className="balance-hero-amount" data-testid="wallet-balance">{wallet ? money(wallet.balance) : "—"}</span>
        {wallet?.available && wallet.available.amount !== wallet.balance.amount && (
          <span className="balance-hero-note" data-testid="wallet-available">{t("wallet.available", { amount: money(wallet.available) })}</span>
        )}
        {perPayment && <span className="balance-hero-note">{t("wallet.limits", { amount: money(perPayment) })}</span>}
        <div className="row">
          <button type="button" className="button button-light" aria-expanded={topUpOpen} aria-controls="top-up"
            onClick={() => setTopUp(!topUpOpen)}>
            <PlusIcon size={18} /> {t("wallet.topUp")}
          </button>
          <Link href="/pay/new" className="button button-light"><SendIcon size={18} /> {t("wallet.send")}</Link>
        </div>
      </section>
      {topUpOpen && <TopUpForm onDone={async () => { setTopUp(true); await refreshWallet(); await history.reload(); }} />}
      <PendingHolds />
      <h2 className="section-title">{t("wallet.history")}</h2>
      <History history={history} />
    </div>
  );
}

function TopUpForm({ onDone }: { onDone(): Promise<void> }) {
  const { t, money, wholeMoney, errorText } = useI18n();
  const [amount, setAmount] = useState("20");
  const [card, setCard] = useState("");
  const [expiry, setExpiry] = useState("");
  const [cvc, setCvc] = useState("");
  const [errors, setErrors] = useState<{ amount?: string; card?: string; expiry?: string; form?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt: a retried click of the same top-up never charges twice.
  const [attemptKey, setAttemptKey] = useState(newIdempotencyKey);
  const parsed = parseAmount(amount);
  const presets = ["10", "20", "50", "100"];

  function fillTestCard() {
    const nextYear = (new Date().getFullYear() + 2) % 100;
    setCard("4242 4242 4242 4242");
    setExpiry(`12/${String(nextYear).padStart(2, "0")}`);
    setCvc("123");
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const problems: typeof errors = {};
    if (!parsed) problems.amount = t("error.invalid_amount");
    const exp = /^(\d{1,2})\s*\/\s*(\d{2}|\d{4})$/.exec(expiry.trim());
    if (!exp) problems.expiry = t("error.invalid_expiry");
    if (card.replace(/\D/g, "").length < 12) problems.card = t("error.invalid_card");
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !parsed || !exp) return;
    const year = exp[2].length === 2 ? 2000 + Number(exp[2]) : Number(exp[2]);
    setBusy(true);
    try {
      const result = await api<TopUp>("/api/wallet/top-ups", {
        method: "POST",
        idempotencyKey: attemptKey,
        body: {
          amount: { amount: parsed, currency: "EUR" },
          card: { number: card.replace(/\D/g, ""), expMonth: Number(exp[1]), expYear: year, cvc: cvc.trim() },
        },
      });
      setDone(t("wallet.topUpDone", {
        amount: money(result.amount ?? { amount: parsed, currency: "EUR" }),
        brand: result.card?.brand ?? "",
        last4: result.card?.last4 ?? card.replace(/\D/g, "").slice(-4),
      }));
      setAttemptKey(newIdempotencyKey());
      setCard("");
      setExpiry("");
      setCvc("");
      await onDone();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      if (code === "invalid_card") setErrors({ card: errorText(e) });
      else if (code === "invalid_amount" || code === "limit_exceeded") setErrors({ amount: errorText(e) });
      else setErrors({ form: errorText(e) });
      // A declined card is a finished attempt; the next try is a new one.
      if (e instanceof ApiError && e.status !== 0) setAttemptKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="top-up" className="card stack" onSubmit={submit} noValidate aria-labelledby="top-up-title">
      <h2 id="top-up-title" className="card-title"><CardIcon size={20} /> {t("wallet.topUp")}</h2>
      <fieldset className="chips">
        <legend className="visually-hidden">{t("wallet.amount")}</legend>
        {presets.map((p) => (
          <button key={p} type="button" className={`chip-button${parsed === `${p}.00` ? " selected" : ""}`}
            aria-pressed={parsed === `${p}.00`} onClick={() => setAmount(p)}>{wholeMoney(p)}</button>
        ))}
      </fieldset>
      <Field label={t("wallet.amount")} name="amount" inputMode="decimal" hint={t("wallet.amountHint")}
        value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.amount} />
      <div className="note note-info test-card">
        <span>{t("wallet.testCard")}</span>
        <button type="button" className="button button-small button-ghost" onClick={fillTestCard}>{t("wallet.useTestCard")}</button>
      </div>
      <Field label={t("wallet.card")} name="cardnumber" autoComplete="cc-number" inputMode="numeric"
        value={card} onChange={(e) => setCard(e.target.value)} error={errors.card} />
      <div className="row row-fields">
        <Field label={t("wallet.expiry")} name="exp" autoComplete="cc-exp" placeholder="MM/YY" inputMode="numeric"
          value={expiry} onChange={(e) => setExpiry(e.target.value)} error={errors.expiry} />
        <Field label={t("wallet.cvc")} name="cvc" autoComplete="cc-csc" inputMode="numeric" maxLength={4}
          value={cvc} onChange={(e) => setCvc(e.target.value)} />
      </div>
      {errors.form && <ErrorNote>{errors.form}</ErrorNote>}
      {done && <div className="note note-success" role="status" data-testid="top-up-done">{done}</div>}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {t("wallet.topUpSubmit", { amount: parsed ? money(parsed) : "" })}
      </button>
    </form>
  );
}

function signedAmount(tx: Transaction): { value: Money; incoming: boolean } {
  return { value: { ...tx.amount, amount: tx.amount.amount.replace(/^-/, "") }, incoming: tx.direction === "CREDIT" };
}

function History({ history }: { history: Resource<Page<Transaction>> }) {
  const { t, money, errorText } = useI18n();
  const rows = useMemo(() => history.data?.items ?? [], [history.data]);
  if (history.loading && !history.data) return <Spinner />;
  if (history.error) return <ErrorNote onRetry={history.reload}>{errorText(history.error)}</ErrorNote>;
  if (rows.length === 0) return <p className="empty">{t("wallet.historyEmpty")}</p>;
  return (
    <ol className="card list" aria-label={t("wallet.history")} data-testid="wallet-history">
      {rows.map((tx) => {
        const { value, incoming } = signedAmount(tx);
        const kind = tx.type.toLowerCase();
        const who = tx.counterparty;
        const savings: Record<string, MessageKey> = { savings_deposit: "tx.to_savings", savings_withdrawal: "tx.from_savings",
          savings_round_up: "tx.round_up", savings_scheduled: "tx.scheduled_saving" };
        const label = savings[kind] ? t(savings[kind])
          : tx.type === "TOP_UP" ? t("tx.top_up")
          : who ? t(incoming ? "tx.payment_in" : "tx.payment_out", { who: `@${who}` })
          : tx.description ?? t("tx.generic");
        return (
          <li key={tx.id} className="list-row">
            <span className={`notif-icon ${incoming ? "tone-success" : "tone-info"}`}>
              {incoming ? <ArrowDownLeftIcon size={20} /> : <ArrowUpRightIcon size={20} />}
            </span>
            <span className="list-row-text">
              <span className="list-row-title">{label}</span>
              {tx.description && label !== tx.description && <span className="muted ellipsis">{tx.description}</span>}
              <span className="muted small"><RelativeTime iso={tx.createdAt} /></span>
            </span>
            <span className={`tx-amount ${incoming ? "in" : "out"}`}>{incoming ? "+" : "−"}{money(value)}</span>
          </li>
        );
      })}
    </ol>
  );
}
