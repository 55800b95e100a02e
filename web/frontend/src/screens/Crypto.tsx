import { QRCodeSVG } from "qrcode.react";
import { useEffect, useState, type FormEvent } from "react";
import { api, ApiError, enc, newIdempotencyKey } from "../api/client";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { CoinIcon, SendIcon } from "../components/icons";
import { ErrorNote, Field, ScreenTitle } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";
import { useNotifications } from "../live/notifications";
import { ExportKeyCard } from "./CryptoExport";
import { CryptoHistory } from "./CryptoHistory";
import { formatTokens, parseTokenAmount, type CryptoPage, type CryptoTx, type CryptoWallet } from "./cryptoApi";

/** The crypto wallet: the custodial address (copy, QR code), the EURP balance, buy/sell, send, history. */
export function CryptoScreen() {
  const { t, locale } = useI18n();
  const { refreshWallet } = useMe();
  const wallet = useResource<CryptoWallet>("crypto-wallet", (signal) => api<CryptoWallet>("/api/crypto/wallet", { signal }));
  const history = useResource<CryptoPage>("crypto-tx", (signal) => api<CryptoPage>("/api/crypto/transactions?limit=30", { signal }));
  const { subscribe } = useNotifications();
  const [confirming, setConfirming] = useState<CryptoTx | null>(null);
  const busy = (history.data?.items ?? []).some((tx) => tx.status === "PENDING" || tx.status === "SUBMITTED");

  async function reload() {
    await Promise.all([wallet.reload(), history.reload(), refreshWallet()]);
  }

  // While something is on its way to the chain, its confirmations are counted live.
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void reload(), 1500);
    return () => clearInterval(timer);
  });
  useEffect(() => subscribe((n) => {
    if (n.type.startsWith("crypto_")) void reload();
  }));

  const eurp = wallet.data?.balances.find((b) => b.token === "EURP");
  return (
    <div className="column">
      <ScreenTitle>{t("crypto.title")}</ScreenTitle>
      <section className="balance-hero" aria-labelledby="crypto-balance-label">
        <span id="crypto-balance-label" className="balance-label">{t("crypto.balance")}</span>
        <span className="balance-hero-amount" data-testid="crypto-balance">{eurp ? formatTokens(locale, eurp.amount, eurp.decimals) : "—"}</span>
        <span className="balance-hero-note">{t("crypto.peg")}</span>
      </section>
      {wallet.error != null && <ErrorNote onRetry={wallet.reload}>{t("crypto.unavailable")}</ErrorNote>}
      {wallet.data && <AddressCard wallet={wallet.data} />}
      <TradeForm onDone={reload} available={eurp?.available} />
      {confirming
        ? <ConfirmForm tx={confirming} onDone={async () => { setConfirming(null); await reload(); }} />
        : <SendForm onCreated={setConfirming} />}
      <h2 className="section-title">{t("crypto.history")}</h2>
      <CryptoHistory history={history} onConfirm={setConfirming} />
      {wallet.data && <ExportKeyCard />}
    </div>
  );
}

function AddressCard({ wallet }: { wallet: CryptoWallet }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(wallet.address);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="card stack crypto-address" aria-labelledby="crypto-address-title">
      <h2 id="crypto-address-title" className="card-title">{t("crypto.address")}</h2>
      <div className="row crypto-address-row">
        <QRCodeSVG value={`ethereum:${wallet.address}@${wallet.chainId}`} size={120} role="img" aria-label={t("crypto.qr")} />
        <div className="stack">
          <code className="crypto-hex" data-testid="crypto-address">{wallet.address}</code>
          <span className="muted small">{t("crypto.chain", { id: String(wallet.chainId) })}</span>
          <button type="button" className="button button-small button-ghost" onClick={copy}>{copied ? t("crypto.copied") : t("crypto.copy")}</button>
        </div>
      </div>
    </section>
  );
}

function TradeForm({ onDone, available }: { onDone(): Promise<void>; available?: string }) {
  const { t, errorText, locale } = useI18n();
  const [side, setSide] = useState<"buy" | "sell">("buy");
  const [amount, setAmount] = useState("10");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    const parsed = side === "buy" ? parseAmount(amount) : parseTokenAmount(amount);
    if (!parsed) return setError(t("error.invalid_amount"));
    setBusy(true);
    try {
      const body = side === "buy" ? { amount: { amount: parsed, currency: "EUR" } } : { token: "EURP", amount: parsed };
      await api(`/api/crypto/${side === "buy" ? "buys" : "sells"}`, { method: "POST", idempotencyKey: key, body });
      setDone(t(side === "buy" ? "crypto.bought" : "crypto.sold", { amount: formatTokens(locale, parsed) }));
      setKey(newIdempotencyKey());
      await onDone();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.status !== 0) setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="trade-title" data-testid="crypto-trade">
      <h2 id="trade-title" className="card-title"><CoinIcon size={20} /> {t("crypto.trade")}</h2>
      <fieldset className="chips">
        <legend className="visually-hidden">{t("crypto.trade")}</legend>
        {(["buy", "sell"] as const).map((s) => (
          <button key={s} type="button" className={`chip-button${side === s ? " selected" : ""}`} aria-pressed={side === s}
            onClick={() => { setSide(s); setKey(newIdempotencyKey()); }}>{t(s === "buy" ? "crypto.buy" : "crypto.sell")}</button>
        ))}
      </fieldset>
      <Field label={t(side === "buy" ? "crypto.buyAmount" : "crypto.sellAmount")} name="trade-amount" inputMode="decimal"
        value={amount} onChange={(e) => setAmount(e.target.value)}
        hint={side === "sell" && available ? t("crypto.available", { amount: formatTokens(locale, available) }) : t("crypto.peg")} />
      {error && <ErrorNote>{error}</ErrorNote>}
      {done && <div className="note note-success" role="status">{done}</div>}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {t(side === "buy" ? "crypto.buySubmit" : "crypto.sellSubmit")}
      </button>
    </form>
  );
}

function SendForm({ onCreated }: { onCreated(tx: CryptoTx): void }) {
  const { t, errorText } = useI18n();
  const [to, setTo] = useState("");
  const [amount, setAmount] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const parsed = parseTokenAmount(amount);
    if (!parsed) return setError(t("error.invalid_amount"));
    const target = to.trim().startsWith("0x") ? to.trim() : `@${to.trim().replace(/^@/, "")}`;
    setBusy(true);
    try {
      const tx = await api<CryptoTx>("/api/crypto/transfers", { method: "POST", idempotencyKey: key, body: { token: "EURP", amount: parsed, to: target } });
      setKey(newIdempotencyKey());
      onCreated(tx);
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.status !== 0) setKey(newIdempotencyKey());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="send-title" data-testid="crypto-send">
      <h2 id="send-title" className="card-title"><SendIcon size={20} /> {t("crypto.send")}</h2>
      <Field label={t("crypto.to")} name="crypto-to" hint={t("crypto.toHint")} value={to} onChange={(e) => setTo(e.target.value)} />
      <Field label={t("crypto.sendAmount")} name="crypto-amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
      {error && <ErrorNote>{error}</ErrorNote>}
      <button type="submit" className="button button-primary button-block" disabled={busy}>{t("crypto.sendSubmit")}</button>
    </form>
  );
}

function ConfirmForm({ tx, onDone }: { tx: CryptoTx; onDone(): Promise<void> }) {
  const { t, errorText } = useI18n();
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      await api(`/api/crypto/transfers/${enc(tx.id)}/confirm`, { method: "POST", body: { pin } });
      await onDone();
    } catch (e) {
      setError(errorText(e));
      if (e instanceof ApiError && e.code === "pin_locked") await onDone();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="crypto-confirm-title" data-testid="crypto-confirm">
      <h2 id="crypto-confirm-title" className="card-title">{t("crypto.confirmTitle")}</h2>
      <p className="challenge" data-testid="crypto-challenge">{tx.challenge}</p>
      <Field label={t("crypto.pin")} name="crypto-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={6}
        value={pin} onChange={(e) => setPin(e.target.value)} hint={t("crypto.pinHint")} />
      {error && <ErrorNote>{error}</ErrorNote>}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>{t("crypto.confirm")}</button>
        <button type="button" className="button button-ghost" onClick={() => void onDone()}>{t("common.cancel")}</button>
      </div>
    </form>
  );
}
