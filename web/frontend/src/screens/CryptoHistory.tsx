import { useState } from "react";
import type { Resource } from "../api/useResource";
import { ArrowDownLeftIcon, ArrowUpRightIcon } from "../components/icons";
import { ErrorNote, RelativeTime, Spinner } from "../components/ui";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n/en";
import { formatTokens, shortHash, type CryptoPage, type CryptoTx } from "./cryptoApi";

/** Buys, sells and transfers, newest first, with their status, confirmations and transaction hash. */
export function CryptoHistory({ history, onConfirm }: { history: Resource<CryptoPage>; onConfirm(tx: CryptoTx): void }) {
  const i18n = useI18n();
  const { t, errorText, locale } = i18n;
  const [copied, setCopied] = useState<string | null>(null);
  const rows = history.data?.items ?? [];
  if (history.loading && !history.data) return <Spinner />;
  if (history.error) return <ErrorNote onRetry={history.reload}>{errorText(history.error)}</ErrorNote>;
  if (rows.length === 0) return <p className="empty">{t("crypto.historyEmpty")}</p>;
  return (
    <ol className="card list" aria-label={t("crypto.history")} data-testid="crypto-history">
      {rows.map((tx) => {
        const incoming = tx.direction === "IN";
        const who = tx.counterparty ? `@${tx.counterparty}` : (incoming ? tx.from : tx.to) ?? "";
        const label = tx.kind === "BUY" ? t("crypto.tx.buy") : tx.kind === "SELL" ? t("crypto.tx.sell")
          : t(incoming ? "crypto.tx.in" : "crypto.tx.out", { who: who.length > 20 ? shortHash(who) : who });
        return (
          <li key={tx.id} className="list-row" data-status={tx.status}>
            <span className={`notif-icon ${incoming ? "tone-success" : "tone-info"}`}>
              {incoming ? <ArrowDownLeftIcon size={20} /> : <ArrowUpRightIcon size={20} />}
            </span>
            <span className="list-row-text">
              <span className="list-row-title">{label}</span>
              <span className="muted small">
                {t(`crypto.status.${tx.status}` as MessageKey)}
                {tx.status === "CONFIRMED" || tx.status === "SUBMITTED" ? ` · ${i18n.plural("crypto.confirmations", tx.confirmations, { n: String(tx.confirmations) })}` : ""}
                {" · "}<RelativeTime iso={tx.createdAt} />
              </span>
              {tx.txHash && (
                <button type="button" className="link-button crypto-hash" title={tx.txHash}
                  onClick={() => { void navigator.clipboard?.writeText(tx.txHash!); setCopied(tx.id); }}>
                  {copied === tx.id ? t("crypto.copied") : shortHash(tx.txHash)}
                </button>
              )}
              {tx.status === "PENDING_CONFIRMATION" && (
                <button type="button" className="button button-small button-primary crypto-row-confirm" onClick={() => onConfirm(tx)}>{t("crypto.confirm")}</button>
              )}
            </span>
            <span className={`tx-amount ${incoming ? "in" : "out"}`}>{incoming ? "+" : "−"}{formatTokens(locale, tx.amount, tx.decimals, tx.token)}</span>
          </li>
        );
      })}
    </ol>
  );
}
