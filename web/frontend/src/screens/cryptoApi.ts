import type { Page } from "../api/types";

/** GET /api/crypto/wallet */
export type CryptoWallet = {
  address: string;
  chainId: number;
  tokenAddress?: string;
  balances: { token: string; amount: string; decimals: number; available: string }[];
};

/** A crypto transaction as the API answers it (buys, sells, transfers sent or received). */
export type CryptoTx = {
  id: string;
  direction: "IN" | "OUT";
  kind: "BUY" | "SELL" | "TRANSFER";
  token: string;
  amount: string;
  decimals: number;
  eurAmount?: { amount: string; currency: string };
  from?: string;
  to?: string;
  counterparty?: string;
  status: "PENDING_CONFIRMATION" | "PENDING" | "SUBMITTED" | "CONFIRMED" | "FAILED" | "CANCELLED" | "EXPIRED";
  reason?: string;
  confirmations: number;
  txHash?: string;
  challenge?: string;
  note?: string;
  source?: string;
  createdAt: string;
};

export type CryptoPage = Page<CryptoTx>;

/** A token amount as people type it ("5", "5,5", "5.25"): at most 2 decimals for EURP; null otherwise. */
export function parseTokenAmount(input: string): string | null {
  const cleaned = input.replace(/[\s\u00a0\u202f]|eurp/gi, "").replace(",", ".");
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(cleaned)) return null;
  const [units, cents = ""] = cleaned.split(".");
  const canonical = `${Number(units)}.${cents.padEnd(2, "0")}`;
  return Number(canonical) > 0 ? canonical : null;
}

export function shortHash(hash: string): string {
  return `${hash.slice(0, 10)}…${hash.slice(-6)}`;
}

/** "12.50" as the user's language writes it, with its decimals: "12.50 EURP", "12,50 EURP". */
export function formatTokens(locale: string, amount: string | undefined, decimals = 2, token = "EURP"): string {
  if (amount === undefined) return "—";
  const [units, fraction = ""] = amount.split(".");
  const whole = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(BigInt(units));
  const separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
  return `${whole}${decimals > 0 ? separator + fraction.padEnd(decimals, "0") : ""}\u00a0${token}`;
}
