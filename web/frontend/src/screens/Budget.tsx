import { useEffect, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { api, ApiError } from "../api/client";
import type { Budget } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

type Split = Budget["split"];

/**
 * The monthly creator budget: the amount and split, and this month's split as the close will pay it (the server's
 * preview, exact because the month's money is already in the budget account). Changing the split saves at once, so
 * the preview follows live.
 */
export function BudgetScreen() {
  const { t, money, errorText, plural } = useI18n();
  const { refreshWallet } = useMe();
  const budget = useResource<Budget | null>("budget", (signal) => api<Budget>("/api/budget", { signal })
    .catch((e) => { if (e instanceof ApiError && e.code === "no_budget") return null; throw e; }));
  const [monthly, setMonthly] = useState("5");
  const [split, setSplit] = useState<Split>("PER_CREATOR");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = budget.data;

  useEffect(() => {
    if (current) {
      setMonthly(current.monthly.amount);
      setSplit(current.split);
    }
  }, [current]);

  async function save(nextSplit: Split) {
    const amount = parseAmount(monthly);
    if (!amount) return setError(t("error.invalid_amount"));
    setBusy(true);
    setError(null);
    try {
      const saved = await api<Budget>("/api/budget", { method: "PUT", body: { monthly: { amount, currency: "EUR" }, split: nextSplit } });
      budget.set(() => saved);
      void refreshWallet();
    } catch (e) {
      setError(errorText(e));
      if (current) setSplit(current.split);
    } finally {
      setBusy(false);
    }
  }

  /** Public or private flattrs: saved at once, the switch shows what the server holds. */
  async function setVisibility(publicFlattrs: boolean) {
    setBusy(true);
    setError(null);
    try {
      const saved = await api<{ publicFlattrs: boolean }>("/api/budget/visibility", { method: "PUT", body: { publicFlattrs } });
      budget.set((b) => (b ? { ...b, publicFlattrs: saved.publicFlattrs } : b));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  async function stop() {
    setBusy(true);
    try {
      await api<void>("/api/budget", { method: "DELETE" });
      await budget.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void save(split);
  }

  function chooseSplit(next: Split) {
    setSplit(next);
    if (current && current.status === "OPEN") void save(next);
  }

  if (budget.loading && budget.data === undefined) return <div className="column narrow"><Spinner /></div>;
  if (budget.error) return <div className="column narrow"><ErrorNote onRetry={budget.reload}>{errorText(budget.error)}</ErrorNote></div>;

  return (
    <div className="column narrow">
      <ScreenTitle actions={<Link href="/earnings" className="button button-ghost button-small">{t("budget.earnings")}</Link>}>
        {t("budget.title")}
      </ScreenTitle>
      <form className="card stack" onSubmit={submit} noValidate aria-label={t("budget.setting")}>
        <p className="muted">{t("budget.explain", { rate: current?.feeRate ?? "10.00" })}</p>
        <Field label={t("budget.monthly")} name="monthly" inputMode="decimal" value={monthly} onChange={(e) => setMonthly(e.target.value)} />
        <fieldset className="split-choice">
          <legend className="small">{t("budget.split")}</legend>
          {(["PER_CREATOR", "PER_FLATTR"] as const).map((s) => (
            <label key={s}>
              <input type="radio" name="split" value={s} checked={split === s} disabled={busy} onChange={() => chooseSplit(s)} />
              {t(`budget.split.${s}`)}
            </label>
          ))}
        </fieldset>
        {current && (
          <label className="switch">
            <input type="checkbox" role="switch" data-testid="public-flattrs" checked={current.publicFlattrs} disabled={busy}
              onChange={(e) => void setVisibility(e.target.checked)} />
            <span>{t("budget.public")}</span>
          </label>
        )}
        {current && <p className="small muted">{t(current.publicFlattrs ? "budget.public.on" : "budget.public.off")}</p>}
        {error && <ErrorNote>{error}</ErrorNote>}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {t(current ? "budget.save" : "budget.start")}
        </button>
        {current?.active && <button type="button" className="button button-ghost button-block" disabled={busy} onClick={stop}>{t("budget.stop")}</button>}
        {current && !current.active && <p className="small muted">{t("budget.stopped")}</p>}
      </form>
      {current && (
        <section className="card stack" aria-labelledby="preview-title" data-testid="budget-preview">
          <h2 id="preview-title" className="card-title">{t("budget.month", { month: current.month })}</h2>
          <p data-testid="budget-status">{t(`budget.status.${current.status}`)}
            {current.budget && <> · {t("budget.thisMonth", { amount: money(current.budget) })}</>}
            {" · "}{plural("budget.flattrs", current.flattrs)}</p>
          {current.preview.length === 0 ? <p className="empty">{t("budget.noFlattr")}</p> : (
            <ul className="plain-list">
              {current.preview.map((share) => (
                <li key={share.creator} className="preview-row" data-testid="preview-row">
                  <Link href={`/u/${share.creator}`}>@{share.creator}</Link>
                  <span className="muted small">{plural("budget.flattrs", share.flattrs)}</span>
                  <strong data-testid="preview-amount">{money(share.amount)}</strong>
                </li>
              ))}
              <li className="preview-row muted" data-testid="preview-fee">
                <span>{t("budget.fee", { rate: current.feeRate })}</span><span>{money(current.fee)}</span>
              </li>
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
