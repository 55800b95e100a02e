import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { ErrorNote, Field } from "../components/ui";
import { useI18n } from "../i18n";

type ExportedKey = { address: string; privateKey: string };

/**
 * Taking one's key out of Piaf's custody, behind the PIN and a plain warning. The key is kept in this component's
 * state only while shown; "Hide" forgets it.
 */
export function ExportKeyCard() {
  const { t, errorText } = useI18n();
  const [pin, setPin] = useState("");
  const [key, setKey] = useState<ExportedKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setKey(await api<ExportedKey>("/api/crypto/wallet/export", { method: "POST", body: { pin } }));
      setPin("");
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card stack" data-testid="crypto-export">
      <summary className="card-title">{t("crypto.export.title")}</summary>
      <p className="muted small">{t("crypto.export.warning")}</p>
      {key ? (
        <div className="stack">
          <span className="muted small">{t("crypto.export.shown")}</span>
          <code className="crypto-hex" data-testid="crypto-private-key">{key.privateKey}</code>
          <button type="button" className="button button-small button-ghost" onClick={() => setKey(null)}>{t("crypto.export.hide")}</button>
        </div>
      ) : (
        <form className="stack" onSubmit={submit} noValidate>
          <Field label={t("crypto.export.pin")} name="export-pin" type="password" inputMode="numeric" autoComplete="off" maxLength={6}
            value={pin} onChange={(e) => setPin(e.target.value)} />
          {error && <ErrorNote>{error}</ErrorNote>}
          <button type="submit" className="button button-danger" disabled={busy || !pin}>{t("crypto.export.submit")}</button>
        </form>
      )}
    </details>
  );
}
