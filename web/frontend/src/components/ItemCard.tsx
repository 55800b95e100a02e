import { Link } from "wouter";
import { api, enc } from "../api/client";
import type { Item, Unlockable, UserBrief } from "../api/types";
import { useResource } from "../api/useResource";
import { UnlockableCard } from "../screens/Unlocks";
import { useI18n } from "../i18n";
import { useMe } from "../auth/me";
import { FlattrButton } from "./FlattrButton";
import { CheckIcon, LockIcon } from "./icons";
import { Avatar, RelativeTime, RichText } from "./ui";

/** A timeline entry: a post, or a receipt that looks like one (perforated edge, stamp, amount for the parties). */
export function ItemCard({ item }: { item: Item }) {
  return item.kind === "post" || !item.kind ? <PostCard item={item} /> : <ReceiptCard item={item} />;
}

/** A link to an unlockable item in a post (its link is `<origin>/unlock/<id>`). */
const UNLOCK_LINK = /\/unlock\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/;

/** The item a post links to, with the way to unlock it from this post (the creator's viral chain). */
function UnlockableEmbed({ id, via }: { id: string; via: string }) {
  const item = useResource<Unlockable>(id, (signal) => api<Unlockable>(`/api/unlockables/${enc(id)}`, { signal }));
  if (!item.data) return null;
  return <UnlockableCard item={item.data} via={item.data.mine ? undefined : via} compact />;
}

function PostCard({ item }: { item: Item }) {
  const { t } = useI18n();
  const { me } = useMe();
  const name = item.author.displayName || item.author.handle;
  const unlockable = UNLOCK_LINK.exec(item.text)?.[1];
  return (
    <article className="card item" aria-label={t("item.post", { name })} data-testid="post">
      <Link href={`/u/${item.author.handle}`} className="item-avatar" tabIndex={-1} aria-hidden="true">
        <Avatar user={item.author} />
      </Link>
      <div className="item-body">
        <header className="item-head">
          <Link href={`/u/${item.author.handle}`} className="item-author">
            <span className="item-name">{name}</span> <span className="muted">@{item.author.handle}</span>
          </Link>
          <span className="muted item-dot" aria-hidden="true">·</span>
          <span className="muted"><RelativeTime iso={item.createdAt} /></span>
        </header>
        <p className="item-text"><RichText text={item.text} /></p>
        {me && me.handle !== item.author.handle && <FlattrButton postId={item.id} author={item.author.handle} />}
        {unlockable && <UnlockableEmbed id={unlockable} via={item.id} />}
      </div>
    </article>
  );
}

/** "alice paid bob · pizza" → "pizza": the note is what follows the first middle dot, if anything. */
function noteOf(text: string): string {
  const at = text.indexOf("·");
  return at >= 0 ? text.slice(at + 1).trim() : "";
}

function ReceiptCard({ item }: { item: Item }) {
  const { t, money } = useI18n();
  const payer: UserBrief = item.author;
  const payee: UserBrief | undefined = (item.parties ?? []).find((p) => p.handle !== payer.handle);
  // Only the two parties get the details, amount included.
  const amount = item.details?.amount ? { amount: item.details.amount, currency: item.details.currency ?? "EUR" } : null;
  const donation = item.text.startsWith(`${payer.handle} donated to `);
  const who = {
    payer: `@${payer.handle}`,
    payee: payee ? `@${payee.handle}` : "",
  };
  const note = noteOf(item.text);
  return (
    <article className="card item receipt" aria-label={t("receipt.label")} data-testid="receipt">
      <div className="receipt-head">
        <span className="receipt-stamp"><CheckIcon size={14} /> {t("receipt.status")}</span>
        <span className="muted">{t("receipt.label")}</span>
        <span className="muted receipt-time"><RelativeTime iso={item.createdAt} /></span>
      </div>
      <div className="receipt-parties">
        <Link href={`/u/${payer.handle}`} className="receipt-party"><Avatar user={payer} size={36} /></Link>
        <span className="receipt-arrow" aria-hidden="true">→</span>
        {payee && <Link href={`/u/${payee.handle}`} className="receipt-party"><Avatar user={payee} size={36} /></Link>}
        <p className="receipt-line">
          {t(donation ? "receipt.donated" : "receipt.paid", who)}
        </p>
      </div>
      {note && <p className="receipt-note"><RichText text={note} /></p>}
      <div className="receipt-foot">
        {amount ? (
          <span className="receipt-amount" data-testid="receipt-amount">{money(amount)}</span>
        ) : (
          <span className="receipt-hidden" data-testid="receipt-amount-hidden"><LockIcon size={15} /> {t("receipt.amountHidden")}</span>
        )}
      </div>
    </article>
  );
}
