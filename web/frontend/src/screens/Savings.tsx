import { useState, type FormEvent } from "react";
import { Link, useLocation } from "wouter";
import { api, ApiError, newIdempotencyKey } from "../api/client";
import type { Money, SavingsRate, Vault } from "../api/types";
import { useResource } from "../api/useResource";
import { PiggyIcon, PlusIcon, RepeatIcon, TargetIcon } from "../components/icons";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

/** The user's vaults with their progress toward their goals, the total saved, and a form to open one. */
export function SavingsScreen() {
  const { t, money, errorText } = useI18n();
  const vaults = useResource("vaults", (signal) => api<{ items: Vault[] }>("/api/savings/vaults", { signal }));
  const rate = useResource("rate", (signal) => api<SavingsRate>("/api/savings/rate", { signal }));
  const [creating, setCreating] = useState(false);
  const open = (vaults.data?.items ?? []).filter((v) => v.status === "OPEN");
  const closed = (vaults.data?.items ?? []).filter((v) => v.status === "CLOSED");
  const total = open.reduce((sum, v) => sum + Math.round(Number(v.balance.amount) * 100), 0);
  const showForm = creating || (vaults.data !== undefined && open.length === 0);

  return (
    <div className="column">
      <ScreenTitle>{t("savings.title")}</ScreenTitle>
      <section className="balance-hero savings-hero" aria-labelledby="saved-label">
        <span id="saved-label" className="balance-label">{t("savings.total")}</span>
        <span className="balance-hero-amount" data-testid="savings-total">{vaults.data ? money((total / 100).toFixed(2)) : "—"}</span>
        {rate.data && <span className="balance-hero-note" data-testid="savings-rate">{t("savings.rate", { rate: rate.data.annualRate })}</span>}
        <div className="row">
          <button type="button" className="button button-light" aria-expanded={showForm} aria-controls="new-vault"
            onClick={() => setCreating(!showForm)}>
            <PlusIcon size={18} /> {t("savings.new")}
          </button>
        </div>
      </section>
      {showForm && <NewVaultForm onCancel={open.length > 0 ? () => setCreating(false) : undefined} />}
      <h2 className="section-title">{t("savings.vaults")}</h2>
      {vaults.loading && !vaults.data ? <Spinner />
        : vaults.error ? <ErrorNote onRetry={vaults.reload}>{errorText(vaults.error)}</ErrorNote>
        : open.length === 0 ? <p className="empty">{t("savings.empty")}</p>
        : <ul className="vault-list" data-testid="vault-list">{open.map((v) => <VaultCard key={v.id} vault={v} />)}</ul>}
      {closed.length > 0 && (
        <>
          <h2 className="section-title">{t("savings.closed")}</h2>
          <ul className="card list">
            {closed.map((v) => (
              <li key={v.id}><Link href={`/savings/${v.id}`} className="list-row"><span className="list-row-text">
                <span className="list-row-title">{v.name}</span>
                <span className="muted small">{t("savings.interestEarned", { amount: money(v.interestEarned) })}</span>
              </span></Link></li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function VaultCard({ vault }: { vault: Vault }) {
  const { t, money } = useI18n();
  return (
    <li>
      <Link href={`/savings/${vault.id}`} className="card vault-card" data-testid="vault-card">
        <span className="vault-card-head">
          <span className="vault-card-name">{vault.name}</span>
          <span className="vault-card-balance">{money(vault.balance)}</span>
        </span>
        {vault.goal ? <GoalProgress vault={vault} /> : <span className="muted small">{t("savings.noGoal")}</span>}
        <span className="chips">
          {vault.roundUps.enabled && <span className="chip chip-brand"><RepeatIcon size={14} /> {t("savings.roundUpsOn", { n: vault.roundUps.multiplier ?? 1 })}</span>}
          {vault.schedule && <span className="chip">{t(vault.schedule.frequency === "WEEKLY" ? "savings.weeklyChip" : "savings.monthlyChip", { amount: money(vault.schedule.amount) })}</span>}
          {Number(vault.interestEarned.amount) > 0 && <span className="chip">{t("savings.interestEarned", { amount: money(vault.interestEarned) })}</span>}
        </span>
      </Link>
    </li>
  );
}

/** Progress toward the goal: a bar with its numbers in words for screen readers. */
export function GoalProgress({ vault }: { vault: Vault }) {
  const { t, money, lang } = useI18n();
  if (!vault.goal) return null;
  const progress = vault.progress ?? 0;
  const date = vault.goal.date ? new Intl.DateTimeFormat(lang, { dateStyle: "medium" }).format(new Date(`${vault.goal.date}T12:00:00`)) : null;
  const label = t("savings.progress", { progress, goal: money(vault.goal.amount) });
  return (
    <span className="goal">
      <span className="goal-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={progress} aria-label={label}>
        <span className={`goal-fill${progress >= 100 ? " reached" : ""}`} style={{ width: `${Math.min(100, progress)}%` }} />
      </span>
      <span className="goal-text small" data-testid="goal-progress">
        <TargetIcon size={14} /> {progress >= 100 ? t("savings.goalReached", { goal: money(vault.goal.amount) }) : label}
        {date && ` · ${t("savings.by", { date })}`}
      </span>
    </span>
  );
}

function NewVaultForm({ onCancel }: { onCancel?: () => void }) {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const [name, setName] = useState("");
  const [goal, setGoal] = useState("");
  const [date, setDate] = useState("");
  const [errors, setErrors] = useState<{ name?: string; goal?: string; date?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = goal.trim() ? parseAmount(goal) : null;
    const problems: typeof errors = {};
    if (!name.trim()) problems.name = t("error.invalid_name");
    if (goal.trim() && !parsed) problems.goal = t("error.invalid_amount");
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const body: { name: string; goal?: { amount: Money; date?: string } } = { name: name.trim() };
    if (parsed) body.goal = { amount: { amount: parsed, currency: "EUR" }, ...(date ? { date } : {}) };
    setBusy(true);
    try {
      const vault = await api<Vault>("/api/savings/vaults", { method: "POST", body, idempotencyKey: key });
      navigate(`/savings/${vault.id}`);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      if (code === "invalid_name") setErrors({ name: errorText(e) });
      else if (code === "invalid_goal") setErrors({ date: errorText(e) });
      else if (code === "invalid_amount") setErrors({ goal: errorText(e) });
      else setErrors({ form: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form id="new-vault" className="card stack" onSubmit={submit} noValidate aria-labelledby="new-vault-title">
      <h2 id="new-vault-title" className="card-title"><PiggyIcon size={20} /> {t("savings.new")}</h2>
      <Field label={t("savings.name")} name="vault-name" value={name} maxLength={50} placeholder={t("savings.namePlaceholder")}
        onChange={(e) => setName(e.target.value)} error={errors.name} />
      <div className="row row-fields">
        <Field label={t("savings.goal")} name="goal" inputMode="decimal" value={goal} hint={t("savings.goalHint")}
          onChange={(e) => setGoal(e.target.value)} error={errors.goal} />
        <Field label={t("savings.goalDate")} name="goal-date" type="date" value={date}
          onChange={(e) => setDate(e.target.value)} error={errors.date} />
      </div>
      {errors.form && <ErrorNote>{errors.form}</ErrorNote>}
      <div className="row">
        <button type="submit" className="button button-primary" disabled={busy}>{t("savings.create")}</button>
        {onCancel && <button type="button" className="button button-ghost" onClick={onCancel}>{t("common.cancel")}</button>}
      </div>
    </form>
  );
}
