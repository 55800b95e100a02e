import { useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { api, ApiError, signIn } from "../api/client";
import { LanguageToggle } from "../components/Layout";
import { CheckIcon, Logo, LockIcon, SendIcon } from "../components/icons";
import { ErrorNote, Field, ScreenTitle } from "../components/ui";
import { useI18n } from "../i18n";


const cleanHandle = (value: string) => value.trim().replace(/^@/, "");

function AuthFrame({ children }: { children: ReactNode }) {
  const { t, money } = useI18n();
  return (
    <div className="auth">
      <section className="auth-hero" aria-labelledby="auth-hero-title">
        <div className="auth-hero-inner">
          <div className="brand brand-light"><Logo size={40} /><span className="brand-name">Piaf</span></div>
          <p className="auth-hero-title" id="auth-hero-title">{t("app.tagline")}</p>
          <ul className="auth-pitch">
            <li><SendIcon size={18} /> {t("app.pitch.1")}</li>
            <li><CheckIcon size={18} /> {t("app.pitch.2")}</li>
            <li><LockIcon size={18} /> {t("app.pitch.3")}</li>
          </ul>
          <div className="auth-sample" aria-hidden="true">
            <div className="receipt receipt-sample">
              <div className="receipt-head"><span className="receipt-stamp">{t("receipt.status")}</span><span>{t("receipt.label")}</span></div>
              <div className="receipt-line"><strong>@alice</strong> → <strong>@bob</strong></div>
              <div className="receipt-amount">{money("12.50")}</div>
              <div className="receipt-note">merci pour la pizza</div>
            </div>
          </div>
        </div>
      </section>
      <section className="auth-panel">
        <div className="auth-lang"><LanguageToggle /></div>
        <main id="main" className="auth-card">{children}</main>
      </section>
    </div>
  );
}

export function SignInScreen() {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const expired = new URLSearchParams(useSearch()).get("expired") === "1";
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(cleanHandle(handle), password);
      navigate("/", { replace: true });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame>
      <ScreenTitle>{t("signin.title")}</ScreenTitle>
      <p className="muted lead">{t("signin.subtitle")}</p>
      {expired && !error && <div className="note note-info" role="status">{t("signin.expired")}</div>}
      <form onSubmit={submit} className="stack" noValidate>
        <Field label={t("signin.handle")} name="handle" autoComplete="username" autoCapitalize="none" spellCheck={false}
          value={handle} onChange={(e) => setHandle(e.target.value)} required />
        <Field label={t("signin.password")} name="password" type="password" autoComplete="current-password"
          value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && <ErrorNote>{error}</ErrorNote>}
        <button className="button button-primary button-block" type="submit" disabled={busy}>{t("signin.submit")}</button>
      </form>
      <p className="auth-switch">{t("signin.noAccount")} <Link href="/signup">{t("signin.createAccount")}</Link></p>
    </AuthFrame>
  );
}

export function SignUpScreen() {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const [displayName, setDisplayName] = useState("");
  const [handle, setHandle] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<{ handle?: string; password?: string; displayName?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    const h = cleanHandle(handle);
    try {
      await api("/api/auth/signup", { method: "POST", body: { handle: h, password, displayName: displayName.trim() } });
      await signIn(h, password);
      navigate("/", { replace: true });
    } catch (e) {
      const code = e instanceof ApiError ? e.code : "";
      const message = errorText(e);
      if (code === "handle_taken" || code === "invalid_handle") setErrors({ handle: message });
      else if (code === "weak_password") setErrors({ password: message });
      else if (code === "invalid_display_name") setErrors({ displayName: message });
      else setErrors({ form: message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame>
      <ScreenTitle>{t("signup.title")}</ScreenTitle>
      <p className="muted lead">{t("signup.subtitle")}</p>
      <form onSubmit={submit} className="stack" noValidate>
        <Field label={t("signup.displayName")} name="displayName" autoComplete="name" maxLength={50}
          value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={errors.displayName} required />
        <Field label={t("signup.handle")} name="handle" autoComplete="username" autoCapitalize="none" spellCheck={false}
          maxLength={21} hint={t("signup.handleHint")} value={handle} onChange={(e) => setHandle(e.target.value)}
          error={errors.handle} required />
        <Field label={t("signup.password")} name="password" type="password" autoComplete="new-password"
          hint={t("signup.passwordHint")} value={password} onChange={(e) => setPassword(e.target.value)}
          error={errors.password} required />
        {errors.form && <ErrorNote>{errors.form}</ErrorNote>}
        <button className="button button-primary button-block" type="submit" disabled={busy}>{t("signup.submit")}</button>
      </form>
      <p className="auth-switch">{t("signup.haveAccount")} <Link href="/signin">{t("signup.signin")}</Link></p>
    </AuthFrame>
  );
}
