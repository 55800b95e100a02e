import { useCallback } from "react";
import { api } from "../api/client";
import type { Item, Notification } from "../api/types";
import { useNotifications } from "./notifications";

/** Does this text hold a payment command (pay by post / in a DM)? The server decides; this only sets expectations. */
export const looksLikePayment = (text: string) => /#\s*(envoyer|payer|don|send|pay)\b/i.test(text) || /#(envoyer|payer|don|send|pay)\d/i.test(text);

export type PaymentOutcome = { paymentId?: string; error?: { code: string; detail?: string } };

/**
 * Pay by post is asynchronous: the post is published at once, then payments reacts to it and either creates a payment
 * waiting for the PIN or refuses the command; both are announced to the payer as a notification. This waits for
 * that answer for a post or a direct message (and for a post also asks the post itself, which carries its payment).
 */
export function useAwaitPayment() {
  const { subscribe } = useNotifications();
  return useCallback(
    (source: { postId?: string; messageId?: string }, timeoutMs = 15000) =>
      new Promise<PaymentOutcome>((resolve) => {
        let done = false;
        const finish = (outcome: PaymentOutcome) => {
          if (done) return;
          done = true;
          unsubscribe();
          window.clearInterval(poll);
          window.clearTimeout(timeout);
          resolve(outcome);
        };
        // The answer can arrive on the live stream before this subscribes, so the notification list is also read.
        const consider = (notification: Notification) => {
          // payment_requested and payment_rejected name the post or message that asked (sourceId).
          const data = notification.data;
          const matches = data.sourceId !== undefined
            && ((source.postId && data.sourceId === source.postId) || (source.messageId && data.sourceId === source.messageId));
          if (!matches) return;
          if (data.paymentId) finish({ paymentId: data.paymentId });
          else if (data.code) finish({ error: { code: data.code, detail: data.detail } });
        };
        const unsubscribe = subscribe(consider);
        const poll = window.setInterval(async () => {
          try {
            if (source.postId) {
              const post = await api<Item>(`/api/posts/${source.postId}`);
              if (post.payment?.id) finish({ paymentId: post.payment.id });
            }
            const recent = await api<{ items: Notification[] }>(`/api/notifications?limit=20`);
            recent.items.forEach(consider);
          } catch {
            // Try again at the next tick.
          }
        }, 600);
        const timeout = window.setTimeout(() => finish({}), timeoutMs);
      }),
    [subscribe],
  );
}
