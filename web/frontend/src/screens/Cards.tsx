import { useEffect, useState, type FormEvent } from "react";
import { Link, useParams } from "wouter";
import { api, ApiError } from "../api/client";
import { useResource } from "../api/useResource";
import { CardIcon, LockIcon, PlusIcon } from "../components/icons";
import { ErrorNote, Field, RelativeTime, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { groups, type CardTransaction, type PaymentCard, type RevealedCard } from "./cardsApi";

/** A card drawn as a card: masked unless revealed. */
export function CardFace({ card, revealed }: { card: PaymentCard; revealed?: RevealedCard | null }) {
  const { t } = useI18n();
  const number = revealed ? groups(revealed.number) : `${card.bin.slice(0, 4)} ${card.bin.slice(4)}•• •••• ${card.last4}`;
  return (
    <div className={`pay-card pay-card-${card.status.toLowerCase()}`} data-testid="card-face"
      aria-label={t("cards.faceLabel", { last4: card.last4 })}>
      <div className="pay-card-top">
        <span className="pay-card-brand">Piaf</span>
        <span className="pay-card-type">{t(card.type === "SINGLE_USE" ? "cards.singleUse" : "cards.virtual")}</span>
      </div>
      <span className="pay-card-number" data-testid="card-number">{number}</span>
      <div className="pay-card-bottom">
        <span className="pay-card-name">{card.cardholderName}</span>
        <span>{String(card.expMonth).padStart(2, "0")}/{String(card.expYear).slice(2)}</span>
        {revealed && <span data-testid="card-cvc">CVC {revealed.cvc}</span>}
        <span className="pay-card-network">{card.brand}</span>
      </div>
      {card.status !== "ACTIVE" && <span className="pay-card-status">{t(`cards.status.${card.status}` as MessageKey)}</span>}
    </div>
  );
}

export function CardsScreen() {
  const { t, errorText } = useI18n();
  const cards = useResource<{ items: PaymentCard[] }>("cards", (signal) => api("/api/cards", { signal }));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function issue(type: PaymentCard["type"]) {
    setBusy(true);
    setError(null);
    try {
      await api("/api/cards", { method: "POST", body: { type } });
      await cards.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column">
      <ScreenTitle>{t("cards.title")}</ScreenTitle>
      <p className="muted">{t("cards.intro")}</p>
      <div className="row">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => issue("VIRTUAL")}>
          <PlusIcon size={18} /> {t("cards.issueVirtual")}
        </button>
        <button type="button" className="button button-ghost" disabled={busy} onClick={() => issue("SINGLE_USE")}>
          {t("cards.issueSingleUse")}
        </button>
      </div>
      {error && <ErrorNote>{error}</ErrorNote>}
      {cards.loading && !cards.data ? <Spinner /> : cards.error ? <ErrorNote onRetry={cards.reload}>{errorText(cards.error)}</ErrorNote>
        : (cards.data?.items.length ?? 0) === 0 ? <p className="empty">{t("cards.empty")}</p>
        : (
          <ul className="card-grid" aria-label={t("cards.title")}>
            {cards.data!.items.map((card) => (
              <li key={card.id}>
                <Link href={`/cards/${card.id}`} className="card-link" aria-label={t("cards.open", { last4: card.last4 })}>
                  <CardFace card={card} />
                </Link>
              </li>
            ))}
          </ul>
        )}
    </div>
  );
}

export function CardScreen() {
  const { id } = useParams<{ id: string }>();
  const { t, errorText } = useI18n();
  const card = useResource<PaymentCard>(`card-${id}`, (signal) => api(`/api/cards/${id}`, { signal }));
  const history = useResource<{ items: CardTransaction[] }>(`card-tx-${id}`, (signal) => api(`/api/cards/${id}/transactions?limit=30`, { signal }));
  const [revealed, setRevealed] = useState<RevealedCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The switch shows what was asked at once and stays still until the answer: no flicker back while the call runs.
  const [frozenIntent, setFrozenIntent] = useState<boolean | null>(null);

  // The number shows for as long as the server allowed (60 s), then hides itself.
  useEffect(() => {
    if (!revealed) return;
    const timer = setTimeout(() => setRevealed(null), Math.max(0, Date.parse(revealed.visibleUntil) - Date.now()));
    return () => clearTimeout(timer);
  }, [revealed]);

  if (card.loading && !card.data) return <Spinner />;
  if (card.error || !card.data) return <div className="column"><ErrorNote onRetry={card.reload}>{errorText(card.error)}</ErrorNote></div>;
  const c = card.data;

  const frozen = frozenIntent ?? c.status === "FROZEN";

  async function toggleFreeze(next: boolean) {
    setFrozenIntent(next);
    await act(next ? "freeze" : "unfreeze");
    setFrozenIntent(null);
  }

  async function act(action: "freeze" | "unfreeze" | "cancel") {
    setError(null);
    if (action === "cancel" && !window.confirm(t("cards.cancelConfirm"))) return;
    try {
      await api(`/api/cards/${id}/${action}`, { method: "POST" });
      setRevealed(null);
      await card.reload();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <div className="column">
      <ScreenTitle>{t("cards.cardTitle", { last4: c.last4 })}</ScreenTitle>
      <CardFace card={c} revealed={revealed} />
      {revealed && <p className="note note-warn" role="status">{t("cards.revealedFor")}</p>}
      {c.status !== "CANCELLED" && (
        <div className="row">
          <label className="switch">
            <input type="checkbox" role="switch" checked={frozen} data-testid="freeze-toggle" disabled={frozenIntent !== null}
              onChange={() => toggleFreeze(!frozen)} />
            <span>{t("cards.frozen")}</span>
          </label>
          <button type="button" className="button button-ghost button-small" onClick={() => act("cancel")}>{t("cards.cancel")}</button>
        </div>
      )}
      {error && <ErrorNote>{error}</ErrorNote>}
      {c.status !== "CANCELLED" && !revealed && <RevealForm cardId={c.id} onRevealed={setRevealed} />}
      {c.status !== "CANCELLED" && <ControlsForm card={c} onSaved={card.reload} />}
      <h2 className="section-title">{t("cards.transactions")}</h2>
      {history.loading && !history.data ? <Spinner />
        : history.error ? <ErrorNote onRetry={history.reload}>{errorText(history.error)}</ErrorNote>
        : <Transactions items={history.data?.items ?? []} />}
    </div>
  );
}

function RevealForm({ cardId, onRevealed }: { cardId: string; onRevealed(card: RevealedCard): void }) {
  const { t, errorText } = useI18n();
  const [pin, setPin] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onRevealed(await api<RevealedCard>(`/api/cards/${cardId}/reveal`, { method: "POST", body: { pin } }));
      setPin("");
    } catch (e) {
      const left = e instanceof ApiError && e.code === "invalid_pin" ? Number(e.extra.attemptsLeft) : undefined;
      setError(left !== undefined ? `${errorText(e)} ${t("cards.attemptsLeft", { n: left })}` : errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="reveal-title">
      <h2 id="reveal-title" className="card-title"><LockIcon size={20} /> {t("cards.reveal")}</h2>
      <Field label={t("cards.pin")} name="pin" type="password" inputMode="numeric" autoComplete="off" maxLength={6}
        hint={t("cards.revealHint")} value={pin} onChange={(e) => setPin(e.target.value)} error={error} />
      <button type="submit" className="button button-primary" disabled={busy || pin.length < 4}>{t("cards.revealSubmit")}</button>
    </form>
  );
}

function ControlsForm({ card, onSaved }: { card: PaymentCard; onSaved(): Promise<unknown> }) {
  const { t, money, errorText } = useI18n();
  const controls = card.controls;
  const [perTransaction, setPerTransaction] = useState(controls.perTransaction.amount);
  const [daily, setDaily] = useState(controls.daily.amount);
  const [online, setOnline] = useState(controls.online);
  const [contactless, setContactless] = useState(controls.contactless);
  const [gambling, setGambling] = useState(controls.blockedMcc.includes("7995"));
  const [countries, setCountries] = useState(controls.blockedCountries.join(", "));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    const per = parseAmount(perTransaction);
    const day = parseAmount(daily);
    if (!per || !day) {
      setError(t("error.invalid_amount"));
      return;
    }
    const otherMcc = controls.blockedMcc.filter((m) => m !== "7995");
    try {
      await api(`/api/cards/${card.id}/controls`, {
        method: "PUT",
        body: {
          perTransaction: { amount: per, currency: "EUR" }, daily: { amount: day, currency: "EUR" }, online, contactless,
          blockedMcc: gambling ? [...otherMcc, "7995"] : otherMcc,
          blockedCountries: countries.split(/[\s,]+/).map((c) => c.trim().toUpperCase()).filter(Boolean),
        },
      });
      setSaved(true);
      await onSaved();
    } catch (e) {
      setError(errorText(e));
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="controls-title">
      <h2 id="controls-title" className="card-title"><CardIcon size={20} /> {t("cards.controls")}</h2>
      <p className="muted small">{t("cards.spentToday", { amount: money(controls.spentToday) })}</p>
      <div className="row row-fields">
        <Field label={t("cards.perTransaction")} name="perTransaction" inputMode="decimal" value={perTransaction}
          onChange={(e) => setPerTransaction(e.target.value)} />
        <Field label={t("cards.daily")} name="daily" inputMode="decimal" value={daily} onChange={(e) => setDaily(e.target.value)} />
      </div>
      <label className="switch"><input type="checkbox" role="switch" checked={online} onChange={(e) => setOnline(e.target.checked)} />
        <span>{t("cards.online")}</span></label>
      <label className="switch"><input type="checkbox" role="switch" checked={contactless} onChange={(e) => setContactless(e.target.checked)} />
        <span>{t("cards.contactless")}</span></label>
      <label className="switch"><input type="checkbox" role="switch" checked={gambling} onChange={(e) => setGambling(e.target.checked)} />
        <span>{t("cards.blockGambling")}</span></label>
      <Field label={t("cards.blockedCountries")} name="blockedCountries" hint={t("cards.blockedCountriesHint")} value={countries}
        onChange={(e) => setCountries(e.target.value)} />
      {error && <ErrorNote>{error}</ErrorNote>}
      {saved && <div className="note note-success" role="status">{t("cards.saved")}</div>}
      <button type="submit" className="button button-primary">{t("cards.save")}</button>
    </form>
  );
}

function Transactions({ items }: { items: CardTransaction[] }) {
  const { t, money, has } = useI18n();
  if (items.length === 0) return <p className="empty">{t("cards.noTransactions")}</p>;
  return (
    <ol className="card list" data-testid="card-transactions">
      {items.map((tx) => {
        const category = `cards.category.${tx.merchant.category}`;
        const reason = tx.declineReason && has(`cards.decline.${tx.declineReason}`)
          ? t(`cards.decline.${tx.declineReason}` as MessageKey) : tx.declineExplanation;
        return (
          <li key={tx.id} className="list-row">
            <span className="list-row-text">
              <span className="list-row-title">{tx.merchant.name}</span>
              <span className="muted small">{has(category) ? t(category as MessageKey) : tx.merchant.category} · <RelativeTime iso={tx.createdAt} /></span>
              {reason && <span className="muted small tone-error-text">{reason}</span>}
            </span>
            <span className="stack-tight">
              <span className={`tx-amount ${tx.status === "DECLINED" || tx.status === "REVERSED" ? "void" : "out"}`}>
                {tx.status === "REFUNDED" ? "+" : "−"}{money(tx.amount)}
              </span>
              <span className={`chip chip-${tx.status.toLowerCase()}`}>{t(`cards.tx.${tx.status}` as MessageKey)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
