import { ApiError } from "../api/client";
import type { Notification, UserBrief } from "../api/types";
import type { I18n } from "../i18n";
import type { MessageKey } from "../i18n/en";

export type Described = { text: string; href?: string; action?: MessageKey; tone: "info" | "success" | "error"; icon: string };

function person(value: unknown): string | undefined {
  if (!value) return undefined;
  if (typeof value === "string") return value.replace(/^@/, "");
  return (value as UserBrief).handle;
}

/** Whom a notification is about: the other person, whichever name its type gives them. */
function otherParty(type: string, data: Record<string, any>): string | undefined {
  const payerSide = /received|donation/.test(type);
  const order = payerSide
    ? [data.payer, data.from, data.sender, data.donor]
    : [data.follower, data.author, data.from, data.payee, data.to, data.user, data.payer];
  for (const candidate of order) {
    const handle = person(candidate);
    if (handle) return handle;
  }
  return undefined;
}

/** A notification as one sentence in the user's language, with where it leads. */
export function describe(n: Notification, i18n: I18n): Described {
  const data = n.data ?? {};
  const handle = otherParty(n.type, data);
  const who = handle ? `@${handle}` : "";
  const amount = data.amount ? i18n.money(data.amount) : "";
  const key = `notif.${n.type}`;
  let text = i18n.has(key) ? i18n.t(key as MessageKey, { who, amount }) : data.text ?? i18n.t("notif.generic");
  const paymentId: string | undefined = data.paymentId ?? data.payment?.id;
  const pending = n.type.includes("confirm") || data.status === "PENDING_CONFIRMATION" || data.payment?.status === "PENDING_CONFIRMATION";
  if (data.code && !paymentId) {
    text = `${text}: ${i18n.errorText(new ApiError(422, data.code, data.detail ?? ""))}`;
  }
  const tone = data.code || /failed|rejected|cancel|expired/.test(n.type) ? "error" : /received|completed|succeeded/.test(n.type) ? "success" : "info";
  if (paymentId && pending) return { text, href: `/pay/${paymentId}`, action: "notif.confirm", tone, icon: "pay" };
  switch (n.type) {
    case "new_follower":
      return { text, href: handle ? `/u/${handle}` : undefined, action: "notif.view", tone, icon: "follow" };
    case "mention":
      return { text, href: handle ? `/u/${handle}` : undefined, action: "notif.view", tone, icon: "mention" };
    case "direct_message":
      return { text, href: handle ? `/messages/${handle}` : undefined, action: "notif.view", tone, icon: "message" };
    default:
      if (paymentId) return { text, href: `/pay/${paymentId}`, action: "notif.view", tone, icon: "pay" };
      return { text, href: /top_up/.test(n.type) ? "/wallet" : undefined, action: "notif.view", tone, icon: "pay" };
  }
}
