import { useId, useRef, useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { api, ApiError } from "../api/client";
import type { Item } from "../api/types";
import { useI18n } from "../i18n";
import { looksLikePayment, useAwaitPayment } from "../live/awaitPayment";
import { SendIcon } from "./icons";
import { ErrorNote, Spinner } from "./ui";

const MAX = 280;

/** The compose box of the home timeline. A post holding a payment command leads to its confirmation screen. */
export function Compose({ onPosted }: { onPosted(item: Item): void }) {
  const { t, errorText } = useI18n();
  const [, navigate] = useLocation();
  const awaitPayment = useAwaitPayment();
  const [text, setText] = useState("");
  const [visibility, setVisibility] = useState<"PUBLIC" | "FOLLOWERS">("PUBLIC");
  const [state, setState] = useState<"idle" | "posting" | "preparing">("idle");
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const ids = { hint: useId(), count: useId(), visibility: useId() };
  const left = MAX - [...text].length;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim() || left < 0) return;
    setError(null);
    setNote(null);
    setState("posting");
    try {
      const post = await api<Item>("/api/posts", { method: "POST", body: { text: text.trim(), visibility } });
      setText("");
      onPosted(post);
      if (looksLikePayment(post.text)) {
        setState("preparing");
        const outcome = await awaitPayment({ postId: post.id });
        if (outcome.paymentId) {
          navigate(`/pay/${outcome.paymentId}`);
          return;
        }
        if (outcome.error) setError(errorText(new ApiError(422, outcome.error.code, outcome.error.detail ?? "")));
        else setNote(t("compose.slow"));
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setState("idle");
    }
  }

  function fillExample() {
    setText(t("compose.hintExample"));
    area.current?.focus();
  }

  return (
    <form className="card compose" onSubmit={submit} aria-busy={state !== "idle"}>
      <label htmlFor="compose-text" className="visually-hidden">{t("compose.label")}</label>
      <textarea id="compose-text" ref={area} name="text" rows={3} value={text} placeholder={t("compose.placeholder")}
        aria-describedby={`${ids.hint} ${ids.count}`} aria-invalid={left < 0 ? true : undefined}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
        }} />
      <p className="compose-hint" id={ids.hint}>
        <span>{t("compose.hint")}</span> <code>{t("compose.hintExample")}</code>{" "}
        <button type="button" className="link-button" onClick={fillExample}>{t("compose.hintUse")}</button>
      </p>
      <div className="compose-bar">
        <label className="visually-hidden" htmlFor={ids.visibility}>{t("compose.visibility")}</label>
        <select id={ids.visibility} className="select-small" value={visibility}
          onChange={(e) => setVisibility(e.target.value as "PUBLIC" | "FOLLOWERS")}>
          <option value="PUBLIC">{t("compose.visibility.PUBLIC")}</option>
          <option value="FOLLOWERS">{t("compose.visibility.FOLLOWERS")}</option>
        </select>
        <span className={`compose-count${left < 20 ? " warn" : ""}`} aria-live={left < 20 ? "polite" : "off"}>
          <span aria-hidden="true">{left}</span>
          <span className="visually-hidden" id={ids.count}>{t("compose.remaining", { n: left })}</span>
        </span>
        <button type="submit" className="button button-primary" disabled={state !== "idle" || !text.trim() || left < 0}>
          <SendIcon size={18} /> {t("compose.submit")}
        </button>
      </div>
      {state === "preparing" && <Spinner label={t("compose.preparing")} />}
      {state === "preparing" && <p className="muted compose-status" aria-hidden="true">{t("compose.preparing")}</p>}
      {error && <ErrorNote>{error}</ErrorNote>}
      {note && <div className="note note-info" role="status">{note}</div>}
    </form>
  );
}
