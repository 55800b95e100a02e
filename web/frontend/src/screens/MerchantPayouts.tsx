import { useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { MerchantPayouts, PayoutScheduleSetting } from "../api/types";
import { useResource } from "../api/useResource";
import { ErrorNote, Spinner } from "../components/ui";
import { useI18n } from "../i18n";

type Interval = PayoutScheduleSetting["interval"];
type Anchor = NonNullable<PayoutScheduleSetting["weeklyAnchor"]>;
const INTERVALS: Interval[] = ["manual", "daily", "weekly"];
const ANCHORS: Anchor[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** A merchant's balance, its payouts and the schedule that pays it out by itself (owner's dashboard). */
export function MerchantPayoutsCard({ base, merchantId }: { base: string; merchantId: string }) {
  const i18n = useI18n();
  const { t, money, errorText } = i18n;
  const payouts = useResource<MerchantPayouts>(`merchant-payouts:${merchantId}`, (signal) => api(`${base}/payouts`, { signal }));
  const [interval, setInterval] = useState<Interval>("manual");
  const [anchor, setAnchor] = useState<Anchor>("monday");
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const schedule = payouts.data?.schedule;

  useEffect(() => {
    if (schedule) {
      setInterval(schedule.interval);
      setAnchor(schedule.weeklyAnchor ?? "monday");
    }
  }, [schedule]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      await api<PayoutScheduleSetting>(`${base}/payout-schedule`, { method: "PUT", body: interval === "weekly" ? { interval, weeklyAnchor: anchor } : { interval } });
      setSaved(true);
      payouts.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card stack" aria-labelledby="merchant-payouts">
      <h2 id="merchant-payouts" className="card-title">{t("merchants.payouts")}</h2>
      {payouts.loading && !payouts.data ? <Spinner />
        : payouts.error ? <ErrorNote onRetry={payouts.reload}>{errorText(payouts.error)}</ErrorNote>
        : payouts.data && (
          <>
            <p>{t("merchants.balance")} <strong data-testid="merchant-balance">{money(payouts.data.balance)}</strong></p>
            <form className="stack" onSubmit={save}>
              <div className="field">
                <label htmlFor="payout-interval">{t("merchants.schedule")}</label>
                <select id="payout-interval" className="input" value={interval} onChange={(e) => setInterval(e.target.value as Interval)}>
                  {INTERVALS.map((v) => <option key={v} value={v}>{t(`merchants.interval.${v}`)}</option>)}
                </select>
              </div>
              {interval === "weekly" && (
                <div className="field">
                  <label htmlFor="payout-anchor">{t("merchants.anchor")}</label>
                  <select id="payout-anchor" className="input" value={anchor} onChange={(e) => setAnchor(e.target.value as Anchor)}>
                    {ANCHORS.map((v) => <option key={v} value={v}>{t(`merchants.day.${v}`)}</option>)}
                  </select>
                </div>
              )}
              {schedule?.nextPayoutOn && <p className="muted small" data-testid="merchant-next-payout">{t("merchants.nextPayout", { date: schedule.nextPayoutOn })}</p>}
              {saved && <p className="note note-info small" role="status">{t("merchants.scheduleSaved")}</p>}
              {error && <ErrorNote>{error}</ErrorNote>}
              <button type="submit" className="button button-small button-primary" disabled={busy}>{t("merchants.saveSchedule")}</button>
            </form>
            {payouts.data.items.length === 0 ? <p className="empty">{t("merchants.noPayouts")}</p> : (
              <ul className="plain-list" data-testid="merchant-payout-list">
                {payouts.data.items.map((p) => (
                  <li key={p.id} className="preview-row" data-testid="merchant-payout">
                    <span className="muted small">{i18n.time(p.paidAt)}</span>
                    <strong>{money(p.amount)}</strong>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
    </section>
  );
}
