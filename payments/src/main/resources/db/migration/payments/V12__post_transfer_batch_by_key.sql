-- payments.post_transfer_batch (V11) reads the batch's accounts and wallets by key. Measured at issue 18's full scale
-- (bench/budgets, 100,000 budget-months in batches of 1,000): each call hashed the whole account table (405,000 rows,
-- more with the dead versions the close's own balance updates leave) and the wallet table twice, so a batch's cost grew
-- with the number of accounts in Piaf rather than with the batch. Same arguments, same result rows, same meaning.
create or replace function payments.post_transfer_batch(
    ids uuid[], kinds text[], refs text[],
    leg_transfer int[], leg_accounts uuid[], leg_amounts bigint[], leg_memos text[])
returns table (transfer_index int, is_found boolean, is_funded boolean, short_account text, posted_at timestamptz,
               leg_account uuid, leg_amount bigint, balance_after bigint, leg_memo text, wallet_user uuid,
               wallet_handle text, counterparty_handle text)
language plpgsql
-- Plans made for the arrays of each call: a generic plan (which plpgsql switches to after five calls) guesses ten
-- rows per array and joins the batch's legs by nested loops, six times slower at a thousand transfers.
set plan_cache_mode = force_custom_plan
as $$
#variable_conflict use_column
begin
    -- as post_transfers: every account of the call locked up front, in id order, so that calls never deadlock
    perform 1 from payments.account a where a.id = any(leg_accounts) order by a.id for no key update;

    if exists (select 1 from unnest(kinds, refs) as r(k, f) group by r.k, r.f having count(*) > 1)
       or exists (select 1 from (select l.a from unnest(leg_transfer, leg_accounts, leg_amounts) as l(t, a, m)
                                 group by l.a having min(l.t) <> max(l.t) and min(l.m) < 0) shared
                  join payments.account k on k.id = shared.a and k.kind = 'USER') then
        return query select * from payments.post_transfers(ids, kinds, refs, null::uuid[],
                                                            leg_transfer, leg_accounts, leg_amounts, leg_memos);
        return;
    end if;

    return query
    with legs as (
        select l.t, l.a as account_id, l.m as amount, nullif(l.memo, '') as memo, l.o,
               -- the other account of a two-legged transfer: what a statement line names as its counterparty
               case when count(*) over w = 2
                    then case when l.a = first_value(l.a) over w then last_value(l.a) over w else first_value(l.a) over w end
               end as counterparty_id
        from unnest(leg_transfer, leg_accounts, leg_amounts, leg_memos) with ordinality as l(t, a, m, memo, o)
        window w as (partition by l.t order by l.o rows between unbounded preceding and unbounded following)
    ),
    -- the batch's accounts and wallets read by key: joined to the whole tables, the planner (which cannot see how few
    -- rows the CTEs above hold) hashed all of payments.account and payments.wallet, twice, at every call
    accounts as materialized (
        select k.id, k.kind, k.balance, k.held from payments.account k where k.id = any(leg_accounts)
    ),
    wallets as materialized (
        select w.id, w.user_id, w.handle from payments.wallet w where w.id = any(leg_accounts)
    ),
    transfers as (
        select x.t::int as t, x.id, x.kind, x.reference
        from unnest(ids, kinds, refs) with ordinality as x(id, kind, reference, t)
    ),
    checked as (
        select x.t,
               count(k.id) = count(l.t) and count(l.t) > 0 as all_found,
               coalesce(bool_and(k.kind = 'SYSTEM' or k.balance - k.held + l.amount >= 0), false) as all_funded,
               min(k.id::text) filter (where k.kind <> 'SYSTEM' and k.balance - k.held + l.amount < 0) as short_id
        from transfers x
        left join legs l on l.t = x.t
        left join accounts k on k.id = l.account_id
        group by x.t
    ),
    inserted as (
        insert into payments.transfer (id, kind, reference)
        select x.id, x.kind, x.reference from transfers x join checked c on c.t = x.t
        where c.all_found and c.all_funded
        order by x.t
        on conflict (kind, reference) do nothing
        returning id, created_at
    ),
    posted as (
        select x.t, x.id, i.created_at from inserted i join transfers x on x.id = i.id
    ),
    posted_legs as (
        select l.*, p.id as transfer_id, p.created_at,
               (sum(l.amount) over (partition by l.account_id order by l.t, l.o))::bigint as running
        from legs l join posted p on p.t = l.t
    ),
    moved as (
        update payments.account a set balance = a.balance + s.total
        from (select account_id, sum(amount)::bigint as total from posted_legs group by account_id) s
        where a.id = s.account_id
        returning a.id, a.balance - s.total as before
    ),
    entries as (
        insert into payments.entry (transfer_id, account_id, amount, balance_after, counterparty_id, memo, created_at)
        select pl.transfer_id, pl.account_id, pl.amount, m.before + pl.running, pl.counterparty_id, pl.memo, pl.created_at
        from posted_legs pl join moved m on m.id = pl.account_id
        order by pl.t, pl.o
    )
    select c.t::int, c.all_found, c.all_funded, c.short_id, pl.created_at, pl.account_id, pl.amount,
           (m.before + pl.running)::bigint, pl.memo, w.user_id, w.handle, cw.handle
    from checked c
    left join posted_legs pl on pl.t = c.t
    left join moved m on m.id = pl.account_id
    left join wallets w on w.id = pl.account_id
    left join wallets cw on cw.id = pl.counterparty_id
    order by c.t, pl.o;
end $$;
