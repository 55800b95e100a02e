import { api } from "../api/client";
import type { Money } from "../api/types";
import { useResource } from "../api/useResource";
import { RelativeTime } from "../components/ui";
import { useI18n } from "../i18n";
import type { Hold } from "./cardsApi";

/** Card purchases held on the wallet and not cleared yet: the difference between balance and available. */
export function PendingHolds() {
  const { t, money } = useI18n();
  const holds = useResource<{ total: Money; items: Hold[] }>("holds", (signal) => api("/api/wallet/holds", { signal }));
  const items = holds.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <>
      <h2 className="section-title">{t("wallet.pending")}</h2>
      <ol className="card list" aria-label={t("wallet.pending")} data-testid="wallet-holds">
        {items.map((hold) => (
          <li key={hold.id} className="list-row">
            <span className="list-row-text">
              <span className="list-row-title">{hold.description}</span>
              <span className="muted small"><RelativeTime iso={hold.createdAt} /></span>
            </span>
            <span className="stack-tight">
              <span className="tx-amount out">−{money(hold.amount)}</span>
              <span className="chip chip-pending">{t("cards.tx.PENDING")}</span>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
