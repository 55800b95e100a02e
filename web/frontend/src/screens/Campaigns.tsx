import { fetchEventSource } from "@microsoft/fetch-event-source";
import { useEffect, useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "wouter";
import { api, enc, newIdempotencyKey } from "../api/client";
import type { Campaign, CampaignProgress, Pledge } from "../api/types";
import { useResource } from "../api/useResource";
import { session } from "../auth/session";
import { useMe } from "../auth/me";
import { ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { parseAmount, useI18n } from "../i18n";

/** The caller's campaigns, and a form to launch one (with one optional reward tier). */
export function CampaignsScreen() {
  const { t, money, errorText } = useI18n();
  const [, navigate] = useLocation();
  const mine = useResource<Campaign[]>("mine", (signal) => api<Campaign[]>("/api/campaigns", { signal }));
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [goal, setGoal] = useState("");
  const [deadline, setDeadline] = useState("");
  const [reward, setReward] = useState("");
  const [rewardMinimum, setRewardMinimum] = useState("");
  const [rewardQuantity, setRewardQuantity] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function launch(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmount(goal);
    if (!parsed) return setError(t("error.invalid_amount"));
    const at = deadline ? new Date(deadline) : null;
    if (!at || Number.isNaN(at.getTime())) return setError(t("campaigns.error.deadline"));
    const minimum = reward.trim() ? parseAmount(rewardMinimum) : null;
    if (reward.trim() && !minimum) return setError(t("error.invalid_amount"));
    const rewards = reward.trim()
      ? [{ title: reward, minimum: { amount: minimum!, currency: "EUR" }, ...(rewardQuantity ? { quantity: Number(rewardQuantity) } : {}) }]
      : [];
    setBusy(true);
    setError(null);
    try {
      const created = await api<Campaign>("/api/campaigns", {
        method: "POST",
        body: { title, description, goal: { amount: parsed, currency: "EUR" }, deadline: at.toISOString(), rewards },
      });
      navigate(`/campaigns/${created.slug}`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{t("campaigns.title")}</ScreenTitle>
      <form className="card stack" onSubmit={launch} noValidate aria-label={t("campaigns.new")}>
        <h2 className="card-title">{t("campaigns.new")}</h2>
        <Field label={t("campaigns.field.title")} name="title" maxLength={80} value={title} onChange={(e) => setTitle(e.target.value)} />
        <Field label={t("campaigns.field.description")} name="description" maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <Field label={t("campaigns.field.goal")} name="goal" inputMode="decimal" value={goal} onChange={(e) => setGoal(e.target.value)} />
        <Field label={t("campaigns.field.deadline")} name="deadline" type="datetime-local" value={deadline} onChange={(e) => setDeadline(e.target.value)} />
        <Field label={t("campaigns.field.reward")} name="reward" maxLength={80} value={reward} onChange={(e) => setReward(e.target.value)} />
        {reward.trim() && (
          <div className="row">
            <Field label={t("campaigns.field.rewardMinimum")} name="rewardMinimum" inputMode="decimal" value={rewardMinimum} onChange={(e) => setRewardMinimum(e.target.value)} />
            <Field label={t("campaigns.field.rewardQuantity")} name="rewardQuantity" inputMode="numeric" value={rewardQuantity}
              onChange={(e) => setRewardQuantity(e.target.value.replace(/\D/g, ""))} />
          </div>
        )}
        {error && <ErrorNote>{error}</ErrorNote>}
        <button type="submit" className="button button-primary button-block" disabled={busy}>{t("campaigns.launch")}</button>
      </form>
      {mine.data && mine.data.length > 0 && (
        <section className="card stack">
          <h2 className="card-title">{t("campaigns.mine")}</h2>
          <ul className="plain-list">
            {mine.data.map((c) => (
              <li key={c.id}><Link href={`/campaigns/${c.slug}`}>{c.title}</Link> · {money(c.pledged)} / {money(c.goal)} · {t(`campaigns.status.${c.status}`)}</li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** Live progress of a campaign from its server-sent events (the token goes in a header, hence fetchEventSource). */
function useProgress(ref: string): CampaignProgress | null {
  const [progress, setProgress] = useState<CampaignProgress | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchEventSource(`/api/campaigns/${enc(ref)}/stream`, {
      signal: controller.signal,
      headers: { Authorization: `Bearer ${session.token() ?? ""}` },
      onmessage(message) {
        if (message.event === "progress" && message.data) setProgress(JSON.parse(message.data) as CampaignProgress);
      },
      onerror() {
        // the page still shows what GET returned; the library retries
      },
    }).catch(() => undefined);
    return () => controller.abort();
  }, [ref]);
  return progress;
}

/** A campaign's page: goal, live progress, deadline, the fee up front, reward tiers, and the pledge form. */
export function CampaignScreen() {
  const { ref = "" } = useParams<{ ref: string }>();
  const i18n = useI18n();
  const { t, money, errorText, plural } = i18n;
  const { me } = useMe();
  const [, navigate] = useLocation();
  const campaign = useResource<Campaign>(ref, (signal) => api<Campaign>(`/api/campaigns/${enc(ref)}`, { signal }));
  const live = useProgress(ref);
  const updates = useResource<{ items: { postId: string; text: string; postedAt: string }[] }>(`${ref}-updates`,
    (signal) => api(`/api/campaigns/${enc(ref)}/updates`, { signal }));
  const [amount, setAmount] = useState("");
  const [rewardId, setRewardId] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);

  if (campaign.error) return <div className="column narrow"><ScreenTitle>{t("campaigns.title")}</ScreenTitle><ErrorNote onRetry={campaign.reload}>{errorText(campaign.error)}</ErrorNote></div>;
  const c = campaign.data;
  if (!c) return <div className="column narrow"><Spinner /></div>;
  const pledged = live?.pledged ?? c.pledged;
  const backers = live?.backers ?? c.backers;
  const status = live?.status ?? c.status;
  const rewards = live?.rewards ?? c.rewards;
  const percent = Math.min(100, Math.round((Number(pledged.amount) / Number(c.goal.amount)) * 100));
  const creator = me?.handle === c.creator;

  async function pledge(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmount(amount);
    if (!parsed) return setError(t("error.invalid_amount"));
    setBusy(true);
    setError(null);
    try {
      const created = await api<Pledge>(`/api/campaigns/${enc(c!.id)}/pledges`, {
        method: "POST", idempotencyKey: key, body: { amount: { amount: parsed, currency: "EUR" }, ...(rewardId ? { rewardId } : {}) },
      });
      navigate(`/pay/${created.paymentId}`);
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <div className="column narrow">
      <ScreenTitle>{c.title}</ScreenTitle>
      <section className="card stack" data-testid="campaign">
        <p className="muted">{c.address} · {t("campaigns.by", { handle: `@${c.creator}` })} · <span data-testid="campaign-status">{t(`campaigns.status.${status}`)}</span></p>
        <p>{c.description}</p>
        <p className="pot-total" data-testid="campaign-pledged">{t("campaigns.progress", { pledged: money(pledged), goal: money(c.goal) })}</p>
        <div className="progress" role="progressbar" aria-label={t("campaigns.progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div className="progress-bar" style={{ width: `${percent}%` }} />
        </div>
        <p className="muted">{plural("campaigns.backers", backers)} · {t("campaigns.deadline", { time: i18n.dateTime(c.deadline) })}</p>
        <p className="muted small">{t("campaigns.fee", { rate: `${Math.round(Number(c.feeRate) * 1000) / 10} %` })}</p>
        <span className={`live-dot ${live ? "on" : ""}`} role="status">{live ? t("notifications.live") : t("notifications.offline")}</span>
      </section>
      {rewards.length > 0 && (
        <section className="card stack">
          <h2 className="card-title">{t("campaigns.rewards")}</h2>
          <ul className="plain-list" data-testid="campaign-rewards">
            {rewards.map((r) => (
              <li key={r.id}>{r.title} · {t("campaigns.minimum", { amount: money(r.minimum) })}
                {r.remaining !== undefined && r.remaining !== null ? ` · ${t("campaigns.remaining", { n: String(r.remaining) })}` : ""}</li>
            ))}
          </ul>
        </section>
      )}
      {(updates.data?.items.length ?? 0) > 0 && (
        <section className="card stack" aria-labelledby="campaign-updates-title">
          <h2 id="campaign-updates-title" className="card-title">{t("campaigns.updates")}</h2>
          <ul className="plain-list" data-testid="campaign-updates">
            {updates.data!.items.map((u) => (
              <li key={u.postId}><p className="unlockable-text">{u.text}</p><span className="muted small">{i18n.dateTime(u.postedAt)}</span></li>
            ))}
          </ul>
        </section>
      )}
      {creator && status === "LIVE" && <p className="muted small">{t("campaigns.updateHint", { address: c.address })}</p>}
      {error && <ErrorNote>{error}</ErrorNote>}
      {status === "LIVE" && !creator && (
        <form className="card stack" onSubmit={pledge} noValidate aria-label={t("campaigns.pledge")}>
          <Field label={t("campaigns.amount")} name="amount" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
          {rewards.length > 0 && (
            <div className="field">
              <label htmlFor="campaign-reward">{t("campaigns.reward")}</label>
              <select id="campaign-reward" className="input" value={rewardId} onChange={(e) => setRewardId(e.target.value)}>
                <option value="">{t("campaigns.noReward")}</option>
                {rewards.map((r) => <option key={r.id} value={r.id} disabled={r.remaining === 0}>{r.title} ({money(r.minimum)})</option>)}
              </select>
            </div>
          )}
          <button type="submit" className="button button-primary button-block" disabled={busy}>{t("campaigns.pledge")}</button>
          <p className="muted">{t("campaigns.byPost", { address: c.address })}</p>
        </form>
      )}
    </div>
  );
}
