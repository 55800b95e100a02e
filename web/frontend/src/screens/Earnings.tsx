import { useState } from "react";
import type { Earnings } from "../api/types";
import { api } from "../api/client";
import { useResource } from "../api/useResource";
import { ErrorNote, ScreenTitle, Spinner } from "../components/ui";
import { useI18n } from "../i18n";

function lastMonth(): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}`;
}

/** A creator's earnings from flattrs: a month per post, and the recent months. */
export function EarningsScreen() {
  const { t, money, errorText, plural } = useI18n();
  const [month, setMonth] = useState(() => new URLSearchParams(window.location.search).get("month") ?? lastMonth());
  const earnings = useResource<Earnings>(`earnings-${month}`, (signal) => api<Earnings>(`/api/earnings?month=${encodeURIComponent(month)}`, { signal }));
  const data = earnings.data;

  return (
    <div className="column narrow">
      <ScreenTitle>{t("earnings.title")}</ScreenTitle>
      <div className="card stack">
        <div className="field">
          <label htmlFor="earnings-month">{t("earnings.month")}</label>
          <input id="earnings-month" className="input" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </div>
        {earnings.loading && !data ? <Spinner />
          : earnings.error ? <ErrorNote onRetry={earnings.reload}>{errorText(earnings.error)}</ErrorNote>
          : data && (
            <>
              <p className="balance-hero-amount" data-testid="earnings-total">{money(data.total)}</p>
              {data.posts.length === 0 ? <p className="empty">{t("earnings.none")}</p> : (
                <ul className="plain-list" aria-label={t("earnings.perPost")}>
                  {data.posts.map((p) => (
                    <li key={p.post} className="preview-row" data-testid="earning-row">
                      <span className="small">{t("earnings.post")} {p.post.slice(0, 8)}</span>
                      <span className="muted small">{plural("budget.flattrs", p.flattrs)}</span>
                      <strong>{money(p.amount)}</strong>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
      </div>
      {data && data.months.length > 0 && (
        <section className="card stack">
          <h2 className="card-title">{t("earnings.months")}</h2>
          <ul className="plain-list">
            {data.months.map((m) => (
              <li key={m.month} className="preview-row">
                <button type="button" className="button button-ghost button-small" onClick={() => setMonth(m.month)}>{m.month}</button>
                <span className="muted small">{plural("budget.flattrs", m.flattrs)}</span>
                <strong>{money(m.amount)}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
