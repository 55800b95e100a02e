import { useEffect, useId, useRef, type ComponentProps, type ReactNode } from "react";
import { Link } from "wouter";
import type { Named } from "../api/types";
import { useI18n } from "../i18n";
import { AlertIcon } from "./icons";

let pageLoaded = false;

/**
 * The screen's title. After an in-app navigation it takes focus, so keyboard and screen-reader users start on the new
 * screen instead of a link they already left; on a page load focus stays at the top (skip link first), as browsers do.
 */
export function ScreenTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const firstScreen = !pageLoaded;
    pageLoaded = true;
    if (firstScreen) return;
    if (document.activeElement === document.body || document.activeElement?.closest("nav, .auth-switch")) {
      ref.current?.focus({ preventScroll: true });
    }
  }, []);
  return (
    <div className="screen-title">
      <h1 tabIndex={-1} ref={ref}>{children}</h1>
      {actions && <div className="screen-title-actions">{actions}</div>}
    </div>
  );
}

type FieldProps = ComponentProps<"input"> & { label: string; hint?: ReactNode; error?: string | null };

/** A labelled input with its hint and error tied to it by aria-describedby. */
export function Field({ label, hint, error, id, className, ...input }: FieldProps) {
  const generated = useId();
  const inputId = id ?? generated;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  return (
    <div className={`field ${className ?? ""}`}>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined} {...input} />
      {hint && <p className="field-hint" id={hintId}>{hint}</p>}
      {error && <p className="field-error" id={errorId}><AlertIcon size={16} /> {error}</p>}
    </div>
  );
}

export function ErrorNote({ children, onRetry }: { children: ReactNode; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="note note-error" role="alert">
      <AlertIcon size={18} />
      <span>{children}</span>
      {onRetry && <button type="button" className="button button-small button-ghost" onClick={onRetry}>{t("common.retry")}</button>}
    </div>
  );
}

export function Spinner({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      <span className="visually-hidden">{label ?? t("common.loading")}</span>
    </div>
  );
}

// Each keeps white initials at 4.5:1 or more.
const palette = ["#5b45e0", "#0f766e", "#c2410c", "#be185d", "#1d4ed8", "#a16207", "#15803d", "#7c3aed"];

/** Initials on a colour picked from the handle, so a person keeps the same colour everywhere. */
export function Avatar({ user, size = 44 }: { user: Named | undefined; size?: number }) {
  const handle = user?.handle ?? "?";
  const name = user?.displayName || handle;
  const initials = name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join("") || "?";
  let hash = 0;
  for (const c of handle) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return (
    <span className="avatar" aria-hidden="true"
      style={{ width: size, height: size, fontSize: size * 0.38, background: palette[hash % palette.length] }}>
      {initials}
    </span>
  );
}

export function UserLink({ user, className }: { user: Named; className?: string }) {
  return <Link className={className ?? "user-link"} href={`/u/${user.handle}`}>@{user.handle}</Link>;
}

/** Post text with @handles and #tags made visible (handles link to profiles). */
export function RichText({ text }: { text: string }) {
  const parts = text.split(/(@[A-Za-z0-9_]{3,20}|#[\p{L}\p{N}_]+)/u);
  return (
    <>
      {parts.map((part, i) => {
        if (part.startsWith("@") && part.length > 1) return <Link key={i} className="mention" href={`/u/${part.slice(1).toLowerCase()}`}>{part}</Link>;
        if (part.startsWith("#") && part.length > 1) return <span key={i} className="tag">{part}</span>;
        return part;
      })}
    </>
  );
}

export function RelativeTime({ iso }: { iso: string }) {
  const { relative, dateTime } = useI18n();
  return <time dateTime={iso} title={dateTime(iso)}>{relative(iso)}</time>;
}
