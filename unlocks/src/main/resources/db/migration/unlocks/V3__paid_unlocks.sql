-- "Or pay": a creator may also sell an item for a price (cents, EUR); a paid unlock has no post, and records the
-- ledger transfer that paid the creator (ADR 12).
alter table unlocks.unlockable add column price bigint check (price > 0);

alter table unlocks.unlock add column kind text not null default 'POST' check (kind in ('POST', 'PAID'));
alter table unlocks.unlock add column amount bigint;
alter table unlocks.unlock add column transfer_id uuid unique;
alter table unlocks.unlock alter column post_id drop not null;
alter table unlocks.unlock add constraint unlock_kind_parts check (
    (kind = 'POST' and post_id is not null and amount is null and transfer_id is null)
    or (kind = 'PAID' and post_id is null and via_post_id is null and amount > 0 and transfer_id is not null));
