import { useId, useState, type FormEvent } from "react";
import { api, enc } from "../api/client";
import type { Vault } from "../api/types";
import { useMe } from "../auth/me";
import { ErrorNote, Field } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

type Props = { vault: Vault; onChange(next: Vault): void };

/** A vault's settings: name and goal, round-ups, scheduled saving, closing. Each saves on its own. */
export function VaultSettings({ vault, onChange }: Props) {
  const { t } = useI18n();
  return (
    <>
      <h2 className="section-title">{t("savings.settings")}</h2>
      <RoundUps vault={vault} onChange={onChange} />
      <Schedule vault={vault} onChange={onChange} />
      <NameAndGoal vault={vault} onChange={onChange} />
      <Close vault={vault} onChange={onChange} />
    </>
  );
}

/** Runs a settings call and reports its outcome in the section. */
function useSave(onChange: (next: Vault) => void) {
  const { t, errorText } = useI18n();
  const [status, setStatus] = useState<{ ok?: string; error?: string }>({});
  const [busy, setBusy] = useState(false);
  async function save(call: () => Promise<Vault>) {
    setBusy(true);
    setStatus({});
    try {
      onChange(await call());
      setStatus({ ok: t("common.saved") });
    } catch (e) {
      setStatus({ error: errorText(e) });
    } finally {
      setBusy(false);
    }
  }
  return { status, busy, save };
}

function RoundUps({ vault, onChange }: Props) {
  const { t } = useI18n();
  const [enabled, setEnabled] = useState(vault.roundUps.enabled);
  const [multiplier, setMultiplier] = useState(vault.roundUps.multiplier ?? 1);
  const { status, busy, save } = useSave(onChange);
  const selectId = useId();
  return (
    <form className="card stack" aria-labelledby="round-ups-title" onSubmit={(e: FormEvent) => {
      e.preventDefault();
      save(() => api<Vault>(`/api/savings/vaults/${enc(vault.id)}/round-ups`, { method: "PUT", body: enabled ? { enabled, multiplier } : { enabled } }));
    }}>
      <h2 id="round-ups-title" className="card-title">{t("savings.roundUps")}</h2>
      <p className="muted">{t("savings.roundUpsHelp")}</p>
      <label className="check">
        <input type="checkbox" name="round-ups" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        {t("savings.roundUpsEnable")}
      </label>
      {enabled && (
        <div className="field">
          <label htmlFor={selectId}>{t("savings.multiplier")}</label>
          <select id={selectId} value={multiplier} onChange={(e) => setMultiplier(Number(e.target.value))}>
            {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => <option key={n} value={n}>×{n}</option>)}
          </select>
          <p className="field-hint">{t("savings.multiplierHint", { n: multiplier, cents: 20 * multiplier })}</p>
        </div>
      )}
      {status.ok && <div className="note note-success" role="status">{status.ok}</div>}
      {status.error && <ErrorNote>{status.error}</ErrorNote>}
      <button type="submit" className="button button-ghost" disabled={busy}>{t("savings.saveRoundUps")}</button>
    </form>
  );
}

function Schedule({ vault, onChange }: Props) {
  const { t, money, lang } = useI18n();
  const { wallet } = useMe();
  const [frequency, setFrequency] = useState<"WEEKLY" | "MONTHLY">(vault.schedule?.frequency ?? "MONTHLY");
  const [day, setDay] = useState(vault.schedule?.day ?? 1);
  const [amount, setAmount] = useState(vault.schedule ? vault.schedule.amount.amount : "");
  const [amountError, setAmountError] = useState<string | null>(null);
  const { status, busy, save } = useSave(onChange);
  const dayId = useId();
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(lang, { weekday: "long" }).format(new Date(2024, 0, 1 + i))); // 1 Jan 2024 was a Monday
  const days = frequency === "WEEKLY" ? 7 : 31;
  return (
    <form className="card stack" aria-labelledby="schedule-title" onSubmit={(e: FormEvent) => {
      e.preventDefault();
      const parsed = parseAmount(amount);
      setAmountError(parsed ? null : t("error.invalid_amount"));
      if (!parsed) return;
      save(() => api<Vault>(`/api/savings/vaults/${enc(vault.id)}/schedule`, { method: "PUT",
        body: { amount: { amount: parsed, currency: "EUR" }, frequency, day: Math.min(day, days) } }));
    }}>
      <h2 id="schedule-title" className="card-title">{t("savings.schedule")}</h2>
      {vault.schedule ? (
        <p data-testid="schedule-summary">{t("savings.scheduleNext", { amount: money(vault.schedule.amount), date: vault.schedule.nextRun })}
          {vault.schedule.lastOutcome === "SKIPPED" && <span className="note note-warn">{t("savings.scheduleSkipped", { date: vault.schedule.lastRun ?? "" })}</span>}
        </p>
      ) : <p className="muted">{t("savings.scheduleHelp")}</p>}
      <fieldset className="segmented-options">
        <legend className="visually-hidden">{t("savings.frequency")}</legend>
        {(["WEEKLY", "MONTHLY"] as const).map((f) => (
          <label key={f} className={frequency === f ? "selected" : undefined}>
            <input type="radio" name="frequency" value={f} checked={frequency === f} onChange={() => { setFrequency(f); setDay(1); }} />
            {t(f === "WEEKLY" ? "savings.weekly" : "savings.monthly")}
          </label>
        ))}
      </fieldset>
      <div className="row row-fields">
        <div className="field">
          <label htmlFor={dayId}>{t("savings.day")}</label>
          <select id={dayId} value={Math.min(day, days)} onChange={(e) => setDay(Number(e.target.value))}>
            {Array.from({ length: days }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>{frequency === "WEEKLY" ? weekdays[n - 1] : n}</option>))}
          </select>
          {frequency === "MONTHLY" && day > 28 && <p className="field-hint">{t("savings.shortMonths")}</p>}
        </div>
        <Field label={t("wallet.amount")} name="schedule-amount" inputMode="decimal" value={amount}
          onChange={(e) => setAmount(e.target.value)} error={amountError}
          hint={wallet ? t("savings.walletHas", { amount: money(wallet.balance) }) : undefined} />
      </div>
      {status.ok && <div className="note note-success" role="status">{status.ok}</div>}
      {status.error && <ErrorNote>{status.error}</ErrorNote>}
      <div className="row">
        <button type="submit" className="button button-ghost" disabled={busy}>{t("savings.saveSchedule")}</button>
        {vault.schedule && <button type="button" className="button button-ghost" disabled={busy}
          onClick={() => save(() => api<Vault>(`/api/savings/vaults/${enc(vault.id)}/schedule`, { method: "DELETE" }))}>{t("savings.stopSchedule")}</button>}
      </div>
    </form>
  );
}

function NameAndGoal({ vault, onChange }: Props) {
  const { t } = useI18n();
  const [name, setName] = useState(vault.name);
  const [goal, setGoal] = useState(vault.goal?.amount.amount ?? "");
  const [date, setDate] = useState(vault.goal?.date ?? "");
  const [goalError, setGoalError] = useState<string | null>(null);
  const { status, busy, save } = useSave(onChange);
  return (
    <form className="card stack" aria-labelledby="name-goal-title" onSubmit={(e: FormEvent) => {
      e.preventDefault();
      const parsed = goal.trim() ? parseAmount(goal) : null;
      setGoalError(goal.trim() && !parsed ? t("error.invalid_amount") : null);
      if (goal.trim() && !parsed) return;
      const body = { name, goal: parsed ? { amount: { amount: parsed, currency: "EUR" }, ...(date ? { date } : {}) } : null };
      save(() => api<Vault>(`/api/savings/vaults/${enc(vault.id)}`, { method: "PATCH", body }));
    }}>
      <h2 id="name-goal-title" className="card-title">{t("savings.nameAndGoal")}</h2>
      <Field label={t("savings.name")} name="rename" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} />
      <div className="row row-fields">
        <Field label={t("savings.goal")} name="edit-goal" inputMode="decimal" value={goal} onChange={(e) => setGoal(e.target.value)}
          error={goalError} hint={t("savings.goalClear")} />
        <Field label={t("savings.goalDate")} name="edit-goal-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </div>
      {status.ok && <div className="note note-success" role="status">{status.ok}</div>}
      {status.error && <ErrorNote>{status.error}</ErrorNote>}
      <button type="submit" className="button button-ghost" disabled={busy}>{t("common.save")}</button>
    </form>
  );
}

function Close({ vault, onChange }: Props) {
  const { t, money } = useI18n();
  const { refreshWallet } = useMe();
  const [confirming, setConfirming] = useState(false);
  const { status, busy, save } = useSave((next) => { onChange(next); refreshWallet(); });
  return (
    <section className="card stack" aria-labelledby="close-title">
      <h2 id="close-title" className="card-title">{t("savings.close")}</h2>
      <p className="muted">{t("savings.closeHelp", { amount: money(vault.balance) })}</p>
      {status.error && <ErrorNote>{status.error}</ErrorNote>}
      {confirming ? (
        <div className="row">
          <button type="button" className="button button-danger" disabled={busy}
            onClick={() => save(() => api<Vault>(`/api/savings/vaults/${enc(vault.id)}`, { method: "DELETE" }))}>{t("savings.closeConfirm")}</button>
          <button type="button" className="button button-ghost" onClick={() => setConfirming(false)}>{t("common.cancel")}</button>
        </div>
      ) : <button type="button" className="button button-ghost" onClick={() => setConfirming(true)}>{t("savings.close")}</button>}
    </section>
  );
}
