import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from "react";
import { Link } from "wouter";
import { useI18n } from "../i18n";

export type Toast = { id: number; text: string; tone?: "info" | "success" | "error"; action?: { label: string; href: string } };

const Context = createContext<(toast: Omit<Toast, "id">) => void>(() => {});

/** Short messages in a polite live region, so screen readers announce them without moving focus. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const { t } = useI18n();

  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((x) => x.id !== id)), []);
  const show = useCallback((toast: Omit<Toast, "id">) => {
    const id = next.current++;
    setToasts((all) => [...all.slice(-2), { ...toast, id }]);
    window.setTimeout(() => dismiss(id), toast.action ? 12000 : 6000);
  }, [dismiss]);

  return (
    <Context.Provider value={show}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone ?? "info"}`} data-testid="toast">
            <span className="toast-text">{toast.text}</span>
            {toast.action && (
              <Link className="toast-action" href={toast.action.href} onClick={() => dismiss(toast.id)}>
                {toast.action.label}
              </Link>
            )}
            <button type="button" className="icon-button toast-close" aria-label={t("common.close")} onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </Context.Provider>
  );
}

export function useToast() {
  return useContext(Context);
}
