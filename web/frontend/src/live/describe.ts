import { ApiError } from "../api/client";
import type { Notification, UserBrief } from "../api/types";
import type { I18n } from "../i18n";
import type { MessageKey } from "../i18n/en";

export type Described = { text: string; href?: string; action?: MessageKey; tone: "info" | "success" | "error"; icon: string };

function person(value: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof value === "string") return value.replace(/^@/, "").toLowerCase();
  return (value as UserBrief).handle?.toLowerCase();
}

function first(...values: unknown[]): string | undefined {
  for (const value of values) {
    const handle = person(value);
    if (handle) return handle;
  }
  return undefined;
}

/**
 * A payment notification in words, whatever its exact type name: who paid whom is read from the payer and payee it
 * names, so the same event reads "@alice paid you" to Bob and "You paid @bob" to Alice.
 */
function payment(n: Notification, i18n: I18n, me: string | undefined): Described {
  const data = n.data ?? {};
  const payer = first(data.payer, data.from, data.sender);
  const payee = first(data.payee, data.to, data.recipient);
  const amount = data.amount ? i18n.money(data.amount) : "";
  const paymentId: string | undefined = data.paymentId ?? data.payment?.id;
  const type = n.type;
  const failed = !!data.code || /reject|fail/.test(type);
  if (failed) {
    const reason = data.code ? i18n.errorText(new ApiError(422, data.code, data.detail ?? "")) : "";
    return { text: reason ? `${i18n.t("notif.payment_failed")}: ${reason}` : i18n.t("notif.payment_failed"), tone: "error", icon: "pay" };
  }
  const href = paymentId ? `/pay/${paymentId}` : undefined;
  if (/request|confirm|pending/.test(type) || data.status === "PENDING_CONFIRMATION") {
    return { text: i18n.t("notif.payment_confirmation_required", { amount, who: payee ? `@${payee}` : "" }), href, action: "notif.confirm", tone: "info", icon: "pay" };
  }
  if (/cancel|expire/.test(type)) {
    const key = /expire/.test(type) ? "notif.payment_expired" : "notif.payment_cancelled";
    return { text: i18n.t(key, { amount, who: payee ? `@${payee}` : "" }), href, action: "notif.view", tone: "error", icon: "pay" };
  }
  const iAmPayee = (me && payee === me) || /received/.test(type);
  if (iAmPayee) {
    const key = /donation/.test(type) || data.donation ? "notif.donation_received" : "notif.payment_received";
    return { text: i18n.t(key, { amount, who: payer ? `@${payer}` : "" }), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
  }
  return { text: i18n.t("notif.payment_completed", { amount, who: payee ? `@${payee}` : "" }), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
}

/** A notification as one sentence in the user's language, with where it leads. */
export function describe(n: Notification, i18n: I18n, me?: string): Described {
  const data = n.data ?? {};
  if (n.type.startsWith("crypto_")) {
    const key = `notif.${n.type}`;
    const text = i18n.has(key) ? i18n.t(key as MessageKey, { amount: data.amount ?? "" }) : i18n.t("notif.generic");
    const tone = /failed|rejected/.test(n.type) ? "error" : n.type === "crypto_confirmed" ? "success" : "info";
    const action = n.type === "crypto_transfer_requested" ? "notif.confirm" : "notif.view";
    return { text, href: "/crypto", action, tone, icon: "pay" };
  }
  if (n.type === "goal_reached" || n.type === "interest_credited" || n.type === "scheduled_saving_skipped") {
    const amount = i18n.money(n.type === "goal_reached" ? data.goal : data.amount);
    return {
      text: i18n.t(`notif.${n.type}`, { amount, vault: data.vaultName ?? "" }),
      href: data.vaultId ? `/savings/${data.vaultId}` : "/savings",
      action: "notif.view",
      tone: n.type === "scheduled_saving_skipped" ? "error" : "success",
      icon: "pay",
    };
  }
  if (/payment|donation|receipt/.test(n.type)) return payment(n, i18n, me?.toLowerCase());
  if (/top_?up/.test(n.type)) {
    return { text: i18n.t("notif.top_up_succeeded", { amount: data.amount ? i18n.money(data.amount) : "" }), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
  }
  const handle = first(data.follower, data.author, data.from, data.user);
  const who = handle ? `@${handle}` : "";
  const key = `notif.${n.type}`;
  const text = i18n.has(key) ? i18n.t(key as MessageKey, { who }) : data.text ?? i18n.t("notif.generic");
  switch (n.type) {
    case "new_follower":
      return { text, href: handle ? `/u/${handle}` : undefined, action: "notif.view", tone: "info", icon: "follow" };
    case "mention":
      return { text, href: handle ? `/u/${handle}` : undefined, action: "notif.view", tone: "info", icon: "mention" };
    case "direct_message":
      return { text, href: handle ? `/messages/${handle}` : undefined, action: "notif.view", tone: "info", icon: "message" };
    default:
      return { text, tone: "info", icon: "bell" };
  }
}
