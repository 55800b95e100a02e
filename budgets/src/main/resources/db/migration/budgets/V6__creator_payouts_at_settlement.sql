-- Creators are paid once per month, at the month's settlement, rather than by every payer's close: each budget's close
-- moves its creators' shares into the BUDGET_PAYOUTS system account (one leg, beside the fee), and the settlement pays
-- each creator the month's total from it in one transfer. At issue 18's scale a payer-by-payer close wrote 1.1 million
-- ledger entries, 450,000 wallet balance updates and a million WalletCredited events for 5,000 creators; a creator's
-- wallet history showed one line per payer. The payout rows still say who paid whom, and how much.
--
-- A month funded again after it settled (see V5) settles again: its round goes up, and the new round pays each creator
-- what the month's payouts now total beyond the rounds already paid.
alter table budgets.month_settlement add column round int not null default 1;

create table budgets.creator_payout (
    month       date        not null,
    creator_id  uuid        not null,
    round       int         not null,
    amount      bigint      not null check (amount > 0),
    payers      int         not null check (payers > 0),
    flattrs     int         not null check (flattrs > 0),
    transfer_id uuid        unique,
    paid_at     timestamptz not null,
    primary key (month, creator_id, round),
    constraint creator_payout_transfer_from_round_1 check ((round = 0) = (transfer_id is null))
);

-- Months closed before this version paid their creators in each payer's transfer: recorded as paid in round 0 (no
-- transfer of its own), so a later round of the same month pays only what comes after them.
insert into budgets.creator_payout (month, creator_id, round, amount, payers, flattrs, transfer_id, paid_at)
select p.month, p.creator_id, 0, sum(p.amount), count(*), sum(p.flattrs), null, now()
from budgets.payout p group by p.month, p.creator_id having sum(p.amount) > 0;
