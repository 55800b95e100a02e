-- A creator's per-post earnings are derived when read (a payout shared among the posts its payer flattred, by the
-- split's rule) instead of written by the close: at issue 18's scale the close wrote a million earning rows, each
-- checked against its flattr, for a page read a creator at a time. The payouts are read per creator instead.
create index payout_by_creator on budgets.payout (creator_id, month);
drop table budgets.earning;
