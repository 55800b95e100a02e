import { useState } from "react";
import { Link } from "wouter";
import { api, ApiError } from "../api/client";
import { useI18n } from "../i18n";

/**
 * Flattr a post: its author gets a share of the reader's monthly budget when the month closes. The timeline does not
 * say what was flattred already: a second click learns it from the 409 and shows the same state.
 */
export function FlattrButton({ postId, author }: { postId: string; author: string }) {
  const { t, errorText } = useI18n();
  const [state, setState] = useState<"idle" | "busy" | "done" | "noBudget" | "error">("idle");
  const [error, setError] = useState("");

  async function flattr() {
    setState("busy");
    try {
      await api<void>(`/api/posts/${postId}/flattr`, { method: "POST" });
      setState("done");
    } catch (e) {
      if (e instanceof ApiError && e.code === "already_flattred") return setState("done");
      if (e instanceof ApiError && e.code === "no_budget") return setState("noBudget");
      setError(errorText(e));
      setState("error");
    }
  }

  return (
    <div className="flattr">
      <button type="button" className={`button button-small ${state === "done" ? "button-primary" : "button-ghost"}`}
        aria-pressed={state === "done"} disabled={state === "busy" || state === "done"} onClick={flattr}
        aria-label={t(state === "done" ? "flattr.doneLabel" : "flattr.label", { author })} data-testid="flattr">
        {t(state === "done" ? "flattr.done" : "flattr.action")}
      </button>
      {state === "noBudget" && <span className="small muted" role="status">{t("flattr.noBudget")} <Link href="/budget">{t("flattr.setBudget")}</Link></span>}
      {state === "error" && <span className="small tone-error-text" role="alert">{error}</span>}
    </div>
  );
}
