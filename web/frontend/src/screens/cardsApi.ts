import type { Money } from "../api/types";

/** The cards API's shapes (docs/api.md, "Cards"). A card is masked: BIN and last four only. */
export type CardControls = {
  perTransaction: Money; daily: Money; spentToday: Money;
  blockedMcc: string[]; online: boolean; contactless: boolean; blockedCountries: string[];
};

export type PaymentCard = {
  id: string; type: "VIRTUAL" | "SINGLE_USE"; status: "ACTIVE" | "FROZEN" | "CANCELLED";
  brand: string; bin: string; last4: string; expMonth: number; expYear: number; cardholderName: string;
  controls: CardControls; createdAt: string;
};

export type RevealedCard = { number: string; cvc: string; expMonth: number; expYear: number; cardholderName: string; visibleUntil: string };

export type CardTransaction = {
  id: string; status: "PENDING" | "CLEARED" | "REVERSED" | "DECLINED" | "REFUNDED";
  amount: Money; held?: Money; refunded?: Money;
  merchant: { name: string; mcc: string; country: string; category: string };
  channel: string; declineReason?: string; declineExplanation?: string; expired?: boolean; createdAt: string;
};

export type Hold = { id: string; amount: Money; description?: string; createdAt: string };

/** Groups of four digits, as printed on a card. */
export function groups(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}
