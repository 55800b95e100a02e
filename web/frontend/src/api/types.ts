// Shapes of the public HTTP API (see API.md). Fields the server may leave out are optional.

export type Money = { amount: string; currency: string };

export type PaymentVisibility = "PUBLIC" | "FOLLOWERS" | "PRIVATE";

export type UserBrief = { id?: string; handle: string; displayName?: string; kind?: string };

export type Me = {
  id: string;
  handle: string;
  displayName: string;
  kind: string;
  pinSet: boolean;
  walletId?: string;
  settings: { paymentVisibility: PaymentVisibility };
};

export type Page<T> = { items: T[]; nextCursor?: string | null };

/** A timeline entry: a post, or an item another module published, such as a payment receipt. */
export type Item = {
  kind: string;
  id: string;
  author: UserBrief;
  text: string;
  visibility?: string;
  createdAt: string;
  mentions?: UserBrief[];
  tags?: string[];
  parties?: UserBrief[];
  /** Only the parties of a receipt get these, e.g. the amount. */
  details?: Record<string, unknown>;
  /** Only the author of a pay-by-post post gets this. */
  payment?: { id: string; status: string };
};

export type Profile = UserBrief & {
  followersCount?: number;
  followingCount?: number;
  followedByMe?: boolean;
  followsMe?: boolean;
};

export type Message = {
  id: string;
  from: UserBrief;
  text: string;
  sentAt: string;
  payment?: { id: string; status: string };
};

export type Conversation = { id: string; with: UserBrief; lastMessage?: Message };

export type Wallet = { id: string; balance: Money; limits?: Record<string, unknown> };

export type Transaction = {
  id: string;
  amount: Money | string;
  balance?: Money;
  balanceAfter?: Money;
  type?: string;
  kind?: string;
  direction?: string;
  description?: string;
  note?: string;
  counterparty?: UserBrief | string;
  createdAt?: string;
  at?: string;
};

export type Party = UserBrief | string;

export type Payment = {
  id: string;
  status: "PENDING_CONFIRMATION" | "COMPLETED" | "CANCELLED" | "EXPIRED" | "FAILED" | string;
  from?: Party;
  to?: Party;
  amount?: Money;
  note?: string;
  expiresAt?: string;
  challenge?: { amount: Money; payee: Party };
};

export type Notification = {
  id: string;
  type: string;
  createdAt: string;
  read: boolean;
  data: Record<string, any>;
};

export type NotificationPage = Page<Notification> & { unreadCount?: number };

export function handleOf(party: Party | undefined | null): string {
  if (!party) return "";
  const raw = typeof party === "string" ? party : party.handle;
  return (raw ?? "").replace(/^@/, "");
}

export type Vault = {
  id: string;
  name: string;
  status: "OPEN" | "CLOSED";
  balance: Money;
  goal?: { amount: Money; date?: string };
  /** Whole percent toward the goal, 100 when reached. */
  progress?: number;
  interestEarned: Money;
  /** Accrued and not yet credited, finer than the cent (display only). */
  interestAccrued?: Money;
  roundUps: { enabled: boolean; multiplier?: number };
  schedule?: { amount: Money; frequency: "WEEKLY" | "MONTHLY"; day: number; nextRun: string; lastRun?: string; lastOutcome?: "SAVED" | "SKIPPED" };
  createdAt: string;
  closedAt?: string;
};

export type VaultTransaction = {
  id: string;
  kind: "DEPOSIT" | "WITHDRAWAL" | "ROUND_UP" | "SCHEDULED" | "INTEREST";
  amount: Money;
  balanceAfter: Money;
  valueDate: string;
  createdAt: string;
};

export type SavingsRate = { annualRate: string; effectiveFrom: string; convention: string };
