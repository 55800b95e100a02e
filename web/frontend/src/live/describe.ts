import { ApiError } from "../api/client";
import type { Notification } from "../api/types";
import type { I18n } from "../i18n";
import type { MessageKey } from "../i18n/en";

export type Described = { text: string; href?: string; action?: MessageKey; tone: "info" | "success" | "error"; icon: string };

/** A payment notification in words: "@alice paid you" to Bob is "You paid @bob" to Alice. */
function payment(n: Notification, i18n: I18n): Described {
  const data = n.data;
  const payer = data.payer ? `@${data.payer.handle}` : "";
  const payee = data.payee ? `@${data.payee.handle}` : "";
  const amount = data.amount ? i18n.money({ amount: data.amount, currency: "EUR" }) : "";
  const href = data.paymentId ? `/pay/${data.paymentId}` : undefined;
  switch (n.type) {
    case "payment_rejected": {
      const reason = data.code ? i18n.errorText(new ApiError(422, data.code, data.detail ?? "")) : "";
      return { text: reason ? `${i18n.t("notif.payment_failed")}: ${reason}` : i18n.t("notif.payment_failed"), tone: "error", icon: "pay" };
    }
    case "payment_requested":
      return { text: i18n.t("notif.payment_confirmation_required", { amount, who: payee }), href, action: "notif.confirm", tone: "info", icon: "pay" };
    case "payment_cancelled":
      return { text: i18n.t("notif.payment_cancelled", { amount, who: payee }), href, action: "notif.view", tone: "error", icon: "pay" };
    case "payment_expired":
      return { text: i18n.t("notif.payment_expired", { amount, who: payee }), href, action: "notif.view", tone: "error", icon: "pay" };
    case "payment_received":
      return { text: i18n.t(data.donation ? "notif.donation_received" : "notif.payment_received", { amount, who: payer }), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
    default:
      return { text: i18n.t("notif.payment_completed", { amount, who: payee }), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
  }
}

/** A card notification: a held purchase, a decline with its reason in plain words, a refund. */
function card(n: Notification, i18n: I18n): Described {
  const data = n.data;
  const vars = { amount: data.amount ? i18n.money({ amount: data.amount, currency: "EUR" }) : "", merchant: data.merchant?.name ?? "", last4: data.card?.last4 ?? "" };
  const href = data.card?.id ? `/cards/${data.card.id}` : "/cards";
  if (n.type === "card_declined") {
    const key = `cards.decline.${data.reason}`;
    const reason = i18n.has(key) ? i18n.t(key as MessageKey) : data.explanation ?? data.reason ?? "";
    return { text: i18n.t("notif.card_declined", { ...vars, reason }), href, action: "notif.view", tone: "error", icon: "pay" };
  }
  if (n.type === "card_refunded") {
    return { text: i18n.t("notif.card_refunded", vars), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
  }
  return { text: i18n.t("notif.card_authorized", vars), href, action: "notif.view", tone: "info", icon: "pay" };
}

/** A notification as one sentence in the user's language, with where it leads. */
export function describe(n: Notification, i18n: I18n): Described {
  const data = n.data;
  if (n.type.startsWith("card_")) return card(n, i18n);
  if (n.type.startsWith("crypto_")) {
    const key = `notif.${n.type}`;
    const text = i18n.has(key) ? i18n.t(key as MessageKey, { amount: data.amount ?? "" }) : i18n.t("notif.generic");
    const tone = /failed|rejected/.test(n.type) ? "error" : n.type === "crypto_confirmed" ? "success" : "info";
    const action = n.type === "crypto_transfer_requested" ? "notif.confirm" : "notif.view";
    return { text, href: "/crypto", action, tone, icon: "pay" };
  }
  // Savings notifications are not in the OpenAPI description's NotificationData yet (main's snapshot lacks them).
  const kind: string = n.type;
  if (kind === "goal_reached" || kind === "interest_credited" || kind === "scheduled_saving_skipped") {
    const saving = n.data as unknown as { goal?: string; amount?: string; currency?: string; vaultName?: string; vaultId?: string };
    const amount = i18n.money(kind === "goal_reached" ? saving.goal : saving.amount, saving.currency ?? "EUR");
    return {
      text: i18n.t(`notif.${kind}` as MessageKey, { amount, vault: saving.vaultName ?? "" }),
      href: saving.vaultId ? `/savings/${saving.vaultId}` : "/savings",
      action: "notif.view",
      tone: kind === "scheduled_saving_skipped" ? "error" : "success",
      icon: "pay",
    };
  }
  if (kind === "budget_closed" || kind === "flattrs_paid") {
    const amount = i18n.money(data.amount, "EUR");
    const returned = kind === "budget_closed" && (n.data as { returned?: boolean }).returned;
    return {
      text: i18n.t(kind === "flattrs_paid" ? "notif.flattrs_paid" : returned ? "notif.budget_returned" : "notif.budget_closed",
        { amount, month: (n.data as { month?: string }).month ?? "" }),
      href: kind === "flattrs_paid" ? `/earnings?month=${(n.data as { month?: string }).month ?? ""}` : "/budget",
      action: "notif.view",
      tone: "success",
      icon: "pay",
    };
  }
  if (n.type.startsWith("payment_")) return payment(n, i18n);
  if (n.type === "checkout_refunded") {
    const amount = data.amount ? i18n.money({ amount: data.amount, currency: "EUR" }) : "";
    const text = i18n.t("notif.checkout_refunded", { amount, merchant: data.merchantName ?? "" });
    return { text: data.refundReason ? `${text} (${data.refundReason})` : text, href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
  }
  if (n.type === "webhook_endpoint_disabled") {
    return { text: i18n.t("notif.webhook_endpoint_disabled", { merchant: data.merchantName ?? "", url: data.url ?? "" }), tone: "error", icon: "bell" };
  }
  if (n.type.startsWith("money_request")) {
    const who = (data.requester ?? data.payer)?.handle;
    const amount = data.amount ? i18n.money({ amount: data.amount, currency: "EUR" }) : "";
    const text = i18n.t(`notif.${n.type}` as MessageKey, { who: who ? `@${who}` : "", amount });
    const tone = n.type === "money_request_paid" ? "success" : n.type === "money_request_declined" || n.type === "money_request_rejected" ? "error" : "info";
    return { text, href: "/requests", action: "notif.view", tone, icon: "pay" };
  }
  if (n.type === "campaign_update") {
    return { text: i18n.t("notif.campaign_update", { who: data.author ? `@${data.author.handle}` : "", title: data.campaignTitle ?? "" }),
      href: data.campaignId ? `/campaigns/${data.campaignId}` : "/campaigns", action: "notif.view", tone: "info", icon: "mention" };
  }
  if (n.type === "campaign_settled" || n.type === "pledge_refunded" || n.type === "pledge_collected") {
    const amount = i18n.money({ amount: (n.type === "campaign_settled" ? data.pledged : data.amount) ?? "0.00", currency: "EUR" });
    const key = n.type === "campaign_settled" ? (data.succeeded ? "notif.campaign_succeeded" : "notif.campaign_failed")
      : n.type === "pledge_collected" ? "notif.pledge_collected" : "notif.pledge_refunded";
    const good = n.type === "pledge_collected" || (n.type === "campaign_settled" && data.succeeded);
    return { text: i18n.t(key, { amount }), href: data.campaignId ? `/campaigns/${data.campaignId}` : "/campaigns", action: "notif.view",
      tone: good ? "success" : "info", icon: "pay" };
  }
  if (n.type === "top_up_succeeded") {
    const amount = data.amount ? i18n.money({ amount: data.amount, currency: "EUR" }) : "";
    return { text: i18n.t("notif.top_up_succeeded", { amount }), href: "/wallet", action: "notif.view", tone: "success", icon: "pay" };
  }
  const handle = (data.follower ?? data.followee ?? data.author ?? data.from)?.handle;
  const who = handle ? `@${handle}` : "";
  const key = `notif.${n.type}`;
  const text = i18n.has(key) ? i18n.t(key as MessageKey, { who }) : data.text ?? i18n.t("notif.generic");
  switch (n.type) {
    case "new_follower":
    case "follow_approved":
      return { text, href: handle ? `/u/${handle}` : undefined, action: "notif.view", tone: "info", icon: "follow" };
    case "follow_requested":
      return { text, href: "/settings#follow-requests", action: "notif.answer", tone: "info", icon: "follow" };
    case "mention":
      return { text, href: handle ? `/u/${handle}` : undefined, action: "notif.view", tone: "info", icon: "mention" };
    case "direct_message":
      return { text, href: handle ? `/messages/${handle}` : undefined, action: "notif.view", tone: "info", icon: "message" };
    default:
      return { text, tone: "info", icon: "bell" };
  }
}
