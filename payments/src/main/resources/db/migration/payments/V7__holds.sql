-- Holds: part of a user account's balance reserved for a card authorization until it is captured (cleared),
-- released (reversed) or expired. available = balance - held, and every debit of a USER account checks the available
-- balance, so a P2P payment, a savings move or a crypto buy cannot spend money a card purchase has reserved.
--   * account.held is the sum of the account's active holds' remaining amounts, maintained by the statements below;
--   * a USER account never holds more than its balance (check constraint);
--   * every statement that changes a hold locks its account row first (NO KEY UPDATE), as postings do, so holds and
--     postings on one account run one at a time and never deadlock (one account per hold).
-- Versioned 7: main's payment history reached 6 (fingerprint key, top-up velocity, post_transfers locking up front).

alter table payments.account add column held bigint not null default 0;
alter table payments.account add constraint held_is_not_negative check (held >= 0);
alter table payments.account add constraint user_holds_within_balance check (kind = 'SYSTEM' or balance - held >= 0);

create table payments.hold (
    id          uuid        primary key,
    account_id  uuid        not null references payments.account (id),
    amount      bigint      not null check (amount > 0),   -- what was held in all (first hold plus increments)
    remaining   bigint      not null check (remaining >= 0), -- still reserved
    memo        text        check (char_length(memo) <= 200),
    status      text        not null check (status in ('ACTIVE', 'CAPTURED', 'RELEASED')),
    transfer_id uuid        references payments.transfer (id),
    created_at  timestamptz not null default now(),
    closed_at   timestamptz,
    constraint hold_active_keeps_money check ((status = 'ACTIVE') = (remaining > 0)),
    constraint hold_closed_when_not_active check ((status = 'ACTIVE') = (closed_at is null)),
    constraint hold_captured_has_its_transfer check ((status = 'CAPTURED') = (transfer_id is not null))
);

create index hold_active_by_account on payments.hold (account_id, created_at desc) where status = 'ACTIVE';

-- Places a hold, or adds to an active one (an incremental authorization): one statement that locks the account,
-- checks the available balance and writes both rows. Returns one row: whether the account exists, whether the
-- money was there, the hold's remaining amount and the account's available balance after.
create function payments.place_hold(hold_id uuid, account uuid, more bigint, hold_memo text)
returns table (is_found boolean, is_funded boolean, hold_remaining bigint, available bigint)
language sql as $$
    with locked as (
        select a.id, a.kind, a.balance, a.held from payments.account a where a.id = account for no key update
    ),
    existing as (
        select h.id, h.status from payments.hold h where h.id = hold_id
    ),
    checked as (
        select k.id, (k.kind = 'SYSTEM' or k.balance - k.held - more >= 0) as funded,
               coalesce((select e.status = 'ACTIVE' from existing e), true) as open
        from locked k
    ),
    held as (
        insert into payments.hold as h (id, account_id, amount, remaining, memo, status)
        select hold_id, c.id, more, more, hold_memo, 'ACTIVE' from checked c where c.funded and c.open
        on conflict (id) do update set amount = h.amount + excluded.amount, remaining = h.remaining + excluded.remaining
            where h.status = 'ACTIVE' and h.account_id = excluded.account_id
        returning h.remaining
    ),
    moved as (
        update payments.account a set held = a.held + more
        where a.id = account and exists (select 1 from held)
        returning a.balance - a.held as available
    )
    select exists (select 1 from locked), coalesce((select c.funded from checked c), false),
           (select remaining from held),
           coalesce((select available from moved), (select balance - held from locked))
$$;

-- Releases part or all (less = null) of an active hold: a reversal, a partial reversal, an expiry. Returns the hold's
-- remaining amount after, or no row when the hold is not active.
create function payments.release_hold(hold_id uuid, less bigint)
returns table (hold_remaining bigint, available bigint)
language sql as $$
    with locked as (
        select a.id from payments.account a
        where a.id = (select h.account_id from payments.hold h where h.id = hold_id) for no key update
    ),
    current as (
        select h.id, h.account_id, least(coalesce(less, h.remaining), h.remaining) as freed
        from payments.hold h join locked k on k.id = h.account_id where h.id = hold_id and h.status = 'ACTIVE'
    ),
    closed as (
        update payments.hold h set remaining = h.remaining - c.freed,
               status = case when h.remaining - c.freed = 0 then 'RELEASED' else 'ACTIVE' end,
               closed_at = case when h.remaining - c.freed = 0 then now() end
        from current c where h.id = c.id
        returning h.remaining
    ),
    moved as (
        update payments.account a set held = a.held - c.freed from current c where a.id = c.account_id
        returning a.balance - a.held as available
    )
    select (select remaining from closed), (select available from moved) where exists (select 1 from current)
$$;

-- post_transfers again, with one more argument: per transfer, the hold it captures (or null). A capture releases
-- the whole hold and posts the transfer in the same statement, and its funds check counts the hold's money as
-- available to it: a capture above the hold (an over-capture) needs the difference in the available balance. Every
-- other debit of a USER account checks balance - held. It keeps V6's lock of every account of the call up front,
-- in id order.
drop function payments.post_transfers(uuid[], text[], text[], int[], uuid[], bigint[], text[]);

create function payments.post_transfers(
    ids uuid[], kinds text[], refs text[], captures uuid[],
    leg_transfer int[], leg_accounts uuid[], leg_amounts bigint[], leg_memos text[])
returns table (transfer_index int, is_found boolean, is_funded boolean, short_account text, posted_at timestamptz,
               leg_account uuid, leg_amount bigint, balance_after bigint, leg_memo text, wallet_user uuid,
               wallet_handle text, counterparty_handle text)
language plpgsql as $$
#variable_conflict use_column
declare
    i int;
    accounts uuid[];
    amounts bigint[];
    memos text[];
begin
    perform 1 from payments.account a where a.id = any(leg_accounts) order by a.id for no key update;
    for i in 1 .. coalesce(array_length(ids, 1), 0) loop
        select array_agg(l.a order by l.o), array_agg(l.m order by l.o), array_agg(l.t order by l.o)
          into accounts, amounts, memos
          from unnest(leg_transfer, leg_accounts, leg_amounts, leg_memos) with ordinality as l(ti, a, m, t, o)
         where l.ti = i;
        return query
        with legs as (
            select l.account_id, l.amount, nullif(l.memo, '') as memo
            from unnest(accounts, amounts, memos) as l(account_id, amount, memo)
        ),
        locked as (
            select a.id, a.kind, a.balance, a.held from payments.account a
            where a.id = any(accounts) order by a.id for no key update
        ),
        captured as (
            select h.id, h.account_id, h.remaining from payments.hold h
            where h.id = captures[i] and h.status = 'ACTIVE' and h.account_id = any(accounts)
        ),
        checked as (
            select count(*) = cardinality(accounts) as all_found,
                   coalesce(bool_and(k.kind = 'SYSTEM'
                       or k.balance - k.held + coalesce(c.remaining, 0) + l.amount >= 0), false) as all_funded,
                   min(k.id::text) filter (where k.kind <> 'SYSTEM'
                       and k.balance - k.held + coalesce(c.remaining, 0) + l.amount < 0) as short_id
            from locked k join legs l on l.account_id = k.id left join captured c on c.account_id = k.id
        ),
        transfer as (
            insert into payments.transfer (id, kind, reference)
            select ids[i], kinds[i], refs[i] from checked where all_found and all_funded
            on conflict (kind, reference) do nothing
            returning id, created_at
        ),
        closed as (
            update payments.hold h set remaining = 0, status = 'CAPTURED', transfer_id = t.id, closed_at = t.created_at
            from captured c, transfer t where h.id = c.id
            returning h.id
        ),
        moved as (
            update payments.account a set balance = a.balance + l.amount,
                   held = a.held - coalesce((select c.remaining from captured c where c.account_id = a.id), 0)
            from legs l, transfer t
            where a.id = l.account_id
            returning a.id, a.balance
        ),
        entries as (
            insert into payments.entry (transfer_id, account_id, amount, balance_after, counterparty_id, memo, created_at)
            select t.id, m.id, l.amount, m.balance,
                   case when cardinality(accounts) = 2
                        then (select o.account_id from legs o where o.account_id <> l.account_id) end,
                   l.memo, t.created_at
            from moved m join legs l on l.account_id = m.id cross join transfer t
            returning account_id, counterparty_id
        )
        select i, c.all_found, c.all_funded, c.short_id, t.created_at, m.id, l.amount, m.balance,
               l.memo, w.user_id, w.handle, cw.handle
        from checked c
        left join transfer t on true
        left join moved m on true
        left join legs l on l.account_id = m.id
        left join entries e on e.account_id = m.id
        left join payments.wallet w on w.id = m.id
        left join payments.wallet cw on cw.id = e.counterparty_id;
    end loop;
end $$;
