import { QRCodeSVG } from "qrcode.react";
import { useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "wouter";
import { api, ApiError, enc } from "../api/client";
import type { Money } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { AlertIcon, CheckIcon, LockIcon, ShieldIcon } from "../components/icons";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";

type CheckoutView = {
  id: string;
  status: "OPEN" | "COMPLETE" | "EXPIRED";
  merchant: { id: string; name: string; mcc: string; supportEmail: string };
  amount: Money;
  lineItems: { name: string; quantity: number; unitAmount: Money }[];
  expiresAt: string;
  cancelUrl: string;
  successUrl?: string;
  paymentId?: string;
};

type Paid = { status: "COMPLETE"; paymentId: string; successUrl: string };

/** A merchant's checkout, opened from the merchant's site: the buyer sees who is paid for what, and pays with the PIN. */
export function CheckoutScreen() {
  const { id } = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t, money, errorText, plural } = i18n;
  const { me, refreshWallet } = useMe();
  const session = useResource<CheckoutView>(`checkout:${id}`, (signal) => api(`/api/checkout/sessions/${enc(id)}`, { signal }));
  const [pin, setPin] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [attemptsLeft, setAttemptsLeft] = useState<number | null>(null);
  const [paid, setPaid] = useState<Paid>();
  const [locked, setLocked] = useState<string | null>();
  const pinInput = useRef<HTMLInputElement>(null);

  async function pay(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setPaid(await api<Paid>(`/api/checkout/sessions/${enc(id)}/pay`, { method: "POST", body: { pin } }));
      refreshWallet();
    } catch (e) {
      setPin("");
      if (e instanceof ApiError && e.code === "invalid_pin") setAttemptsLeft(Number(e.extra.attemptsLeft ?? 0));
      else if (e instanceof ApiError && e.code === "pin_locked") setLocked(String(e.extra.lockedUntil ?? ""));
      else setError(errorText(e));
      pinInput.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  if (session.loading && !session.data) return <Spinner label={t("checkout.loading")} />;
  if (!session.data) return <div className="column narrow"><ErrorNote onRetry={session.reload}>{errorText(session.error)}</ErrorNote></div>;
  const s = session.data;
  const successUrl = paid?.successUrl ?? s.successUrl;

  if (paid || (s.status === "COMPLETE" && successUrl)) {
    return (
      <div className="column narrow">
        <section className="card result result-success" data-testid="checkout-done">
          <span className="result-icon"><CheckIcon size={36} /></span>
          <ScreenTitle>{t("checkout.done.title")}</ScreenTitle>
          <p className="result-body">{t("checkout.done.body", { amount: money(s.amount), merchant: s.merchant.name })}</p>
          <div className="row center">
            <a href={successUrl} className="button button-primary" data-testid="checkout-return">{t("checkout.return", { merchant: s.merchant.name })}</a>
            <Link href="/wallet" className="button button-ghost">{t("confirm.wallet")}</Link>
          </div>
        </section>
      </div>
    );
  }

  if (locked !== undefined || s.status !== "OPEN") {
    const text = locked !== undefined
      ? (locked ? t("checkout.locked", { time: i18n.time(locked) }) : t("checkout.lockedNoTime"))
      : s.status === "EXPIRED" ? t("checkout.expired") : t("checkout.paidElsewhere");
    return (
      <div className="column narrow">
        <section className="card result" data-testid="checkout-closed" role="alert">
          <span className="result-icon">{locked !== undefined ? <LockIcon size={34} /> : <AlertIcon size={34} />}</span>
          <ScreenTitle>{t("checkout.title", { merchant: s.merchant.name })}</ScreenTitle>
          <p className="result-body">{text}</p>
          <div className="row center"><a href={s.cancelUrl} className="button button-primary">{t("checkout.back", { merchant: s.merchant.name })}</a></div>
        </section>
      </div>
    );
  }

  return (
    <div className="column narrow">
      <form className="card confirm" onSubmit={pay} aria-labelledby="checkout-title" noValidate>
        <div className="confirm-head">
          <ScreenTitle><span id="checkout-title">{t("checkout.title", { merchant: s.merchant.name })}</span></ScreenTitle>
          <p className="muted">{t("checkout.lead", { email: s.merchant.supportEmail })}</p>
        </div>
        <ul className="checkout-items" data-testid="checkout-items">
          {s.lineItems.map((item, i) => (
            <li key={i} className="row">
              <span>{item.quantity} × {item.name}</span>
              <span className="muted">{money({ amount: (Number(item.unitAmount.amount) * item.quantity).toFixed(2), currency: item.unitAmount.currency })}</span>
            </li>
          ))}
        </ul>
        <div className="confirm-amount" data-testid="checkout-amount">{money(s.amount)}</div>
        <p className="muted small">{t("confirm.expires", { time: i18n.time(s.expiresAt) })}</p>
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
            <AlertIcon size={18} /> <span>{plural("checkout.attemptsLeft", attemptsLeft)}</span>
          </div>
        )}
        {error && <ErrorNote>{error}</ErrorNote>}
        <p className="confirm-rule"><ShieldIcon size={18} /> <span>{t("checkout.rule")}</span></p>
        <button type="submit" className="button button-primary button-block button-large" disabled={busy || (me ? !me.pinSet : false)}>
          {t("confirm.submit", { amount: money(s.amount) })}
        </button>
        <a href={s.cancelUrl} className="button button-ghost button-block">{t("checkout.back", { merchant: s.merchant.name })}</a>
        <details className="checkout-qr" data-testid="checkout-qr">
          <summary className="muted small">{t("checkout.qr.summary")}</summary>
          <div className="row center">
            <QRCodeSVG value={`${window.location.origin}/checkout/${s.id}`} size={160} role="img" aria-label={t("checkout.qr.label", { merchant: s.merchant.name })} />
          </div>
        </details>
      </form>
    </div>
  );
}
