import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useParams, useSearch } from "wouter";
import { api, ApiError, enc, newIdempotencyKey } from "../api/client";
import type { Payment, PaymentVisibility, Profile, Wallet } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { AlertIcon, CheckIcon, LockIcon, ShieldIcon } from "../components/icons";
import { Avatar, ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

/** Send money to someone: creates the payment, then the confirmation screen asks for the PIN. */
export function NewPaymentScreen() {
  const { t, errorText } = useI18n();
  const { me } = useMe();
  const [, navigate] = useLocation();
  const params = new URLSearchParams(useSearch());
  const [to, setTo] = useState(params.get("to") ? `@${params.get("to")}` : "");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [visibility, setVisibility] = useState<PaymentVisibility | "">("");
  const [errors, setErrors] = useState<{ to?: string; amount?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmount(amount);
    const handle = to.trim().replace(/^@/, "").toLowerCase();
    const problems: typeof errors = {};
    if (!handle) problems.to = t("error.invalid_handle");
    if (!parsed) problems.amount = t("error.invalid_amount");
    setErrors(problems);
    if (!parsed || !handle) return;
    setBusy(true);
    try {
      const payment = await api<Payment>("/api/payments", {
        method: "POST",
        idempotencyKey: key,
        body: {
          to: `@${handle}`,
          amount: { amount: parsed, currency: "EUR" },
          ...(note.trim() ? { note: note.trim() } : {}),
          visibility: visibility || me?.settings.paymentVisibility || "PRIVATE",
        },
      });
      navigate(`/pay/${payment.id}`, { replace: true });
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      if (code === "payee_not_found" || code === "self_payment" || code === "invalid_handle") setErrors({ to: errorText(e) });
      else if (code === "invalid_amount" || code === "limit_exceeded" || code === "insufficient_funds") setErrors({ amount: errorText(e) });
      else setErrors({ form: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{t("pay.title")}</ScreenTitle>
      <form className="card stack" onSubmit={submit} noValidate>
        <Field label={t("pay.to")} name="to" hint={t("pay.toHint")} autoCapitalize="none" spellCheck={false}
          value={to} onChange={(e) => setTo(e.target.value)} error={errors.to} />
        <Field label={t("pay.amount")} name="amount" inputMode="decimal" hint={t("wallet.amountHint")}
          value={amount} onChange={(e) => setAmount(e.target.value)} error={errors.amount} />
        <Field label={t("pay.note")} name="note" maxLength={140} value={note} onChange={(e) => setNote(e.target.value)} />
        <div className="field">
          <label htmlFor="pay-visibility">{t("pay.visibility")}</label>
          <select id="pay-visibility" className="input" value={visibility || me?.settings.paymentVisibility || "PRIVATE"}
            onChange={(e) => setVisibility(e.target.value as PaymentVisibility)}>
            {(["PUBLIC", "FOLLOWERS", "PRIVATE"] as const).map((v) => (
              <option key={v} value={v}>{t(`settings.visibility.${v}`)}</option>
            ))}
          </select>
        </div>
        {errors.form && <ErrorNote>{errors.form}</ErrorNote>}
        <button type="submit" className="button button-primary button-block" disabled={busy}>{t("pay.continue")}</button>
      </form>
    </div>
  );
}

type Outcome =
  | { kind: "pending" }
  | { kind: "completed"; balance?: Wallet["balance"] }
  | { kind: "locked"; until?: string }
  | { kind: "closed"; status: string };

/**
 * The confirmation screen (PSD2 dynamic linking: the PIN confirms exactly this amount to exactly this payee). It shows
 * the challenge the server bound the payment to, the attempts left after a wrong PIN, and explains the lockout.
 */
export function ConfirmPaymentScreen() {
  const { id = "" } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t, money, errorText, plural } = i18n;
  const { me, refreshWallet } = useMe();
  const payment = useResource<Payment>(id, (signal) => api<Payment>(`/api/payments/${enc(id)}`, { signal }));
  const [pin, setPin] = useState("");
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "pending" });
  const pinInput = useRef<HTMLInputElement>(null);
  const payeeHandle = payment.data?.to ?? "";
  // The payment names the payee by handle; the profile adds the name people recognise.
  const payeeProfile = useResource<Profile>(payeeHandle || null, (signal) => api<Profile>(`/api/users/${enc(payeeHandle)}`, { signal }));

  useEffect(() => {
    const status = payment.data?.status;
    if (status === "COMPLETED") setOutcome({ kind: "completed" });
    else if (status && status !== "PENDING_CONFIRMATION") setOutcome({ kind: "closed", status });
  }, [payment.data?.status]);

  if (payment.error) {
    return <div className="column narrow"><ScreenTitle>{t("confirm.title")}</ScreenTitle><ErrorNote onRetry={payment.reload}>{errorText(payment.error)}</ErrorNote></div>;
  }
  const p = payment.data;
  if (!p) return <div className="column narrow"><Spinner /></div>;

  const amount = p.challenge?.amount ?? p.amount;
  const payee = p.to;
  const payeeName = payeeProfile.data?.displayName;

  async function confirm(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{4,6}$/.test(pin)) {
      setError(t("error.invalid_pin_format"));
      pinInput.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api<{ status: string }>(`/api/payments/${enc(id)}/confirm`, { method: "POST", body: { pin } });
      const wallet = await refreshWallet();
      setOutcome({ kind: "completed", balance: wallet?.balance });
    } catch (e) {
      setPin("");
      if (e instanceof ApiError && e.code === "invalid_pin") {
        const left = Number(e.extra.attemptsLeft);
        setAttemptsLeft(Number.isFinite(left) ? left : null);
        pinInput.current?.focus();
      } else if (e instanceof ApiError && e.code === "pin_locked") {
        setOutcome({ kind: "locked", until: typeof e.extra.lockedUntil === "string" ? e.extra.lockedUntil : undefined });
      } else {
        setError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setBusy(true);
    try {
      await api(`/api/payments/${enc(id)}/cancel`, { method: "POST" });
      setOutcome({ kind: "closed", status: "CANCELLED" });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  if (outcome.kind === "completed") {
    return (
      <div className="column narrow">
        <section className="card result result-success" data-testid="payment-done">
          <span className="result-icon"><CheckIcon size={36} /></span>
          <ScreenTitle>{t("confirm.done.title")}</ScreenTitle>
          <p className="result-body">{t("confirm.done.body", { amount: money(amount), payee: `@${payee}` })}</p>
          <NewBalance balance={outcome.balance} />
          <div className="row center">
            <Link href="/" className="button button-primary">{t("confirm.home")}</Link>
            <Link href="/wallet" className="button button-ghost">{t("confirm.wallet")}</Link>
          </div>
        </section>
      </div>
    );
  }

  if (outcome.kind === "locked") {
    return (
      <div className="column narrow">
        <section className="card result result-locked" data-testid="pin-locked" role="alert">
          <span className="result-icon"><LockIcon size={34} /></span>
          <ScreenTitle>{t("confirm.locked.title")}</ScreenTitle>
          <p className="result-body">
            {outcome.until ? t("confirm.locked.body", { time: i18n.time(outcome.until) }) : t("confirm.locked.bodyNoTime")}
          </p>
          <div className="row center"><Link href="/" className="button button-primary">{t("confirm.home")}</Link></div>
        </section>
      </div>
    );
  }

  if (outcome.kind === "closed") {
    const key = outcome.status === "EXPIRED" ? "confirm.expired" : outcome.status === "FAILED" ? "confirm.failed" : "confirm.cancelled";
    return (
      <div className="column narrow">
        <section className="card result" data-testid="payment-closed">
          <span className="result-icon"><AlertIcon size={34} /></span>
          <ScreenTitle>{t("confirm.title")}</ScreenTitle>
          <p className="result-body">{t(key)}</p>
          <div className="row center"><Link href="/" className="button button-primary">{t("confirm.home")}</Link></div>
        </section>
      </div>
    );
  }

  return (
    <div className="column narrow">
      <form className="card confirm" onSubmit={confirm} aria-labelledby="confirm-title" noValidate>
        <div className="confirm-head">
          <ScreenTitle><span id="confirm-title">{t("confirm.title")}</span></ScreenTitle>
          <p className="muted">{t("confirm.lead")}</p>
        </div>
        <div className="confirm-amount" data-testid="confirm-amount">{money(amount)}</div>
        <dl className="confirm-details">
          <div>
            <dt>{t("confirm.to")}</dt>
            <dd className="confirm-payee" data-testid="confirm-payee">
              <Avatar user={{ handle: payee, displayName: payeeName }} size={32} />
              <span>{payeeName ? <>{payeeName} <span className="muted">@{payee}</span></> : `@${payee}`}</span>
            </dd>
          </div>
          {p.note && <div><dt>{t("confirm.note")}</dt><dd>{p.note}</dd></div>}
          {p.expiresAt && <div><dt className="visually-hidden">{t("confirm.expires", { time: "" })}</dt><dd className="muted small">{t("confirm.expires", { time: i18n.time(p.expiresAt) })}</dd></div>}
        </dl>
        {p.visibility && (
          <p className="confirm-visibility" data-testid="confirm-visibility">
            <span>{t("confirm.visibility")} <strong>{t(`confirm.visibility.${p.visibility}`, { payee })}</strong></span>
            <Link href="/settings">{t("confirm.visibilityChange")}</Link>
          </p>
        )}
        {me && !me.pinSet ? (
          <div className="note note-info">
            <LockIcon size={18} /> <span>{t("confirm.noPin")}</span>
            <Link href="/settings" className="button button-small button-primary">{t("confirm.setPin")}</Link>
          </div>
        ) : (
          <Field ref={pinInput} label={t("confirm.pin")} name="pin" type="password" inputMode="numeric" autoComplete="off"
            maxLength={6} className="pin-field" hint={t("confirm.pinHelp")} value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ""))} autoFocus />
        )}
        {attemptsLeft !== null && (
          <div className="note note-warn" role="alert" data-testid="attempts-left">
            <AlertIcon size={18} /> <span>{plural("confirm.attemptsLeft", attemptsLeft)}</span>
          </div>
        )}
        {error && <ErrorNote>{error}</ErrorNote>}
        <p className="confirm-rule"><ShieldIcon size={18} /> <span>{t("confirm.rule")}</span></p>
        <button type="submit" className="button button-primary button-block button-large" disabled={busy || (me ? !me.pinSet : false)}>
          {t("confirm.submit", { amount: money(amount) })}
        </button>
        <button type="button" className="button button-ghost button-block" onClick={cancel} disabled={busy}>{t("confirm.cancel")}</button>
      </form>
    </div>
  );
}

function NewBalance({ balance }: { balance?: Wallet["balance"] }) {
  const { t, money } = useI18n();
  const { wallet } = useMe();
  const shown = balance ?? wallet?.balance;
  if (!shown) return null;
  return (
    <p className="result-balance">
      <span className="balance-label">{t("confirm.newBalance")}</span>
      <span className="result-balance-amount" data-testid="new-balance">{money(shown)}</span>
    </p>
  );
}
