import { useEffect, useRef, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { api, ApiError, enc, signOut } from "../api/client";
import type { FollowRequest, FollowRequestPage, PaymentVisibility } from "../api/types";
import { useResource } from "../api/useResource";
import { useMe } from "../auth/me";
import { GlobeIcon, LockIcon, LogoutIcon, ShieldIcon } from "../components/icons";
import { Avatar, ErrorNote, Field, ScreenTitle, Spinner } from "../components/ui";
import { useI18n, type Lang } from "../i18n";

export function SettingsScreen() {
  const { t } = useI18n();
  const { me } = useMe();
  const [, navigate] = useLocation();
  if (!me) return <div className="column"><Spinner /></div>;
  return (
    <div className="column">
      <ScreenTitle>{t("settings.title")}</ScreenTitle>
      <PinSection />
      <VisibilitySection />
      <ProtectedSection />
      <FollowRequestsSection />
      <LanguageSection />
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title" className="card-title">{t("settings.account")}</h2>
        <p className="muted">{me.displayName} · @{me.handle}</p>
        <button type="button" className="button button-ghost" onClick={() => { void signOut(); navigate("/signin"); }}>
          <LogoutIcon size={18} /> {t("settings.signOut")}
        </button>
      </section>
    </div>
  );
}

function PinSection() {
  const { t, errorText } = useI18n();
  const { me, refreshMe } = useMe();
  const [current, setCurrent] = useState("");
  const [pin, setPin] = useState("");
  const [repeat, setRepeat] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ current?: string; pin?: string; repeat?: string; password?: string; form?: string }>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const isSet = !!me?.pinSet;
  const digits = (value: string) => value.replace(/\D/g, "").slice(0, 6);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const problems: typeof errors = {};
    if (!/^\d{4,6}$/.test(pin)) problems.pin = t("error.invalid_pin_format");
    else if (pin !== repeat) problems.repeat = t("settings.pin.mismatch");
    if (isSet && !current) problems.current = t("error.current_pin_required");
    if (!password) problems.password = t("error.password_required");
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      await api("/api/me/pin", { method: "PUT", body: isSet ? { pin, currentPin: current, password } : { pin, password } });
      setCurrent("");
      setPin("");
      setRepeat("");
      setPassword("");
      setSaved(true);
      await refreshMe();
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      if (code === "invalid_pin") {
        setErrors({ current: errorText(e) });
      } else if (code === "current_pin_required" || code === "pin_locked") setErrors({ current: errorText(e) });
      else if (code === "invalid_pin_format" || code === "trivial_pin") setErrors({ pin: errorText(e) });
      else if (code === "invalid_password" || code === "password_required") setErrors({ password: errorText(e) });
      else setErrors({ form: errorText(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack" onSubmit={submit} noValidate aria-labelledby="pin-title">
      <h2 id="pin-title" className="card-title"><LockIcon size={20} /> {t("settings.pin.title")}</h2>
      <p className="muted">{t("settings.pin.help")}</p>
      <p className={`status-line ${isSet ? "ok" : "warn"}`} data-testid="pin-status">
        <ShieldIcon size={16} /> {isSet ? t("settings.pin.isSet") : t("settings.pin.notSet")}
      </p>
      {isSet && (
        <Field label={t("settings.pin.current")} name="current-pin" type="password" inputMode="numeric" autoComplete="off"
          maxLength={6} value={current} onChange={(e) => setCurrent(digits(e.target.value))} error={errors.current} />
      )}
      <div className="row row-fields">
        <Field label={t("settings.pin.new")} name="new-pin" type="password" inputMode="numeric" autoComplete="off"
          maxLength={6} hint={t("settings.pin.hint")} value={pin} onChange={(e) => setPin(digits(e.target.value))} error={errors.pin} />
        <Field label={t("settings.pin.repeat")} name="repeat-pin" type="password" inputMode="numeric" autoComplete="off"
          maxLength={6} value={repeat} onChange={(e) => setRepeat(digits(e.target.value))} error={errors.repeat} />
      </div>
      <Field label={t("settings.pin.password")} name="account-password" type="password" autoComplete="current-password"
        hint={t("settings.pin.passwordHint")} value={password} onChange={(e) => setPassword(e.target.value)} error={errors.password} />
      {errors.form && <ErrorNote>{errors.form}</ErrorNote>}
      {saved && <div className="note note-success" role="status">{t("settings.pin.saved")}</div>}
      <button type="submit" className="button button-primary" disabled={busy}>
        {isSet ? t("settings.pin.change") : t("settings.pin.set")}
      </button>
    </form>
  );
}

function VisibilitySection() {
  const { t, errorText } = useI18n();
  const { me, refreshMe } = useMe();
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [value, setValue] = useState<PaymentVisibility>(me?.settings.paymentVisibility ?? "PRIVATE");

  async function choose(next: PaymentVisibility) {
    const previous = value;
    setValue(next);
    setSaved(false);
    setError(null);
    try {
      await api("/api/me/settings", { method: "PUT", body: { paymentVisibility: next } });
      setSaved(true);
      await refreshMe();
    } catch (e) {
      setValue(previous);
      setError(errorText(e));
    }
  }

  return (
    <section className="card stack" aria-labelledby="visibility-title">
      <fieldset className="radio-cards">
        <legend id="visibility-title" className="card-title">{t("settings.visibility.title")}</legend>
        <p className="muted">{t("settings.visibility.help")}</p>
        {(["PUBLIC", "FOLLOWERS", "PRIVATE"] as const).map((v) => (
          <label key={v} className={`radio-card${value === v ? " selected" : ""}`}>
            <input type="radio" name="paymentVisibility" value={v} checked={value === v} onChange={() => choose(v)}
              aria-describedby={`vis-${v}-help`} />
            <span className="radio-card-text">
              <span className="radio-card-title">{t(`settings.visibility.${v}`)}</span>
              <span className="muted small" id={`vis-${v}-help`}>{t(`settings.visibility.${v}.help`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {saved && <div className="note note-success" role="status">{t("common.saved")}</div>}
      {error && <ErrorNote>{error}</ErrorNote>}
    </section>
  );
}

/** Protected: following you becomes a request you answer (the list below). */
function ProtectedSection() {
  const { t, errorText } = useI18n();
  const { me, refreshMe } = useMe();
  const [value, setValue] = useState(!!me?.settings.protected);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function toggle(next: boolean) {
    setValue(next);
    setSaved(false);
    setError(null);
    try {
      await api("/api/me/settings", { method: "PUT", body: { protected: next } });
      setSaved(true);
      await refreshMe();
    } catch (e) {
      setValue(!next);
      setError(errorText(e));
    }
  }

  return (
    <section className="card stack" aria-labelledby="protected-title">
      <h2 id="protected-title" className="card-title"><ShieldIcon size={20} /> {t("settings.protected.title")}</h2>
      <label className="check-row">
        <input type="checkbox" role="switch" checked={value} onChange={(e) => toggle(e.target.checked)}
          aria-describedby="protected-help" />
        <span>{t("settings.protected.label")}</span>
      </label>
      <p className="muted small" id="protected-help">{t("settings.protected.help")}</p>
      {saved && <div className="note note-success" role="status">{t("common.saved")}</div>}
      {error && <ErrorNote>{error}</ErrorNote>}
    </section>
  );
}

/** Who asks to follow you; shown while your account is protected or someone is waiting. */
function FollowRequestsSection() {
  const { t, errorText } = useI18n();
  const { me } = useMe();
  const requests = useResource<FollowRequestPage>(me?.handle ?? null,
    (signal) => api<FollowRequestPage>("/api/me/follow-requests?limit=100", { signal }));
  const [answered, setAnswered] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const section = useRef<HTMLElement>(null);
  const items = requests.data?.items ?? [];

  useEffect(() => {
    // A follow_requested notification links here.
    if (window.location.hash === "#follow-requests" && requests.data) section.current?.scrollIntoView();
  }, [requests.data]);

  if (!me?.settings.protected && items.length === 0 && !answered) return null;

  async function answer(request: FollowRequest, verdict: "approve" | "decline") {
    setError(null);
    try {
      await api(`/api/me/follow-requests/${enc(request.handle)}/${verdict}`, { method: "POST" });
      setAnswered(t(verdict === "approve" ? "settings.requests.approved" : "settings.requests.declined", { handle: request.handle }));
    } catch (e) {
      setError(errorText(e));
    }
    requests.set((current) => current && { ...current, items: current.items.filter((r) => r.id !== request.id) });
  }

  return (
    <section className="card stack" aria-labelledby="requests-title" id="follow-requests" ref={section} data-testid="follow-requests">
      <h2 id="requests-title" className="card-title">{t("settings.requests.title")}</h2>
      {requests.loading && !requests.data ? <Spinner /> : items.length === 0 ? (
        <p className="muted">{t("settings.requests.empty")}</p>
      ) : (
        <ul className="list" aria-labelledby="requests-title">
          {items.map((r) => (
            <li key={r.id} className="list-row" data-testid="follow-request">
              <Avatar user={r} size={36} />
              <span className="list-row-text">
                <span className="list-row-title">{r.displayName}</span>
                <span className="muted small">@{r.handle}</span>
              </span>
              <span className="row">
                <button type="button" className="button button-small button-primary" onClick={() => answer(r, "approve")}
                  aria-label={`${t("settings.requests.approve")} @${r.handle}`}>{t("settings.requests.approve")}</button>
                <button type="button" className="button button-small button-ghost" onClick={() => answer(r, "decline")}
                  aria-label={`${t("settings.requests.decline")} @${r.handle}`}>{t("settings.requests.decline")}</button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {answered && <div className="note note-success" role="status">{answered}</div>}
      {error && <ErrorNote>{error}</ErrorNote>}
    </section>
  );
}

function LanguageSection() {
  const { t, lang, setLang } = useI18n();
  const options: { value: Lang; label: string }[] = [{ value: "en", label: "English" }, { value: "fr", label: "Français" }];
  return (
    <section className="card stack" aria-labelledby="language-title">
      <fieldset className="segmented">
        <legend id="language-title" className="card-title"><GlobeIcon size={20} /> {t("settings.language")}</legend>
        <div className="segmented-options">
          {options.map((o) => (
            <label key={o.value} className={lang === o.value ? "selected" : undefined} lang={o.value}>
              <input type="radio" name="language" value={o.value} checked={lang === o.value} onChange={() => setLang(o.value)} />
              {o.label}
            </label>
          ))}
        </div>
      </fieldset>
    </section>
  );
}
