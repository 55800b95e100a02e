-- post_transfers locks all the accounts of a call up front, in id order, so that calls side by side never deadlock
-- (V3 locked them transfer by transfer, and two batches could each hold what the other's next transfer needed).
create or replace function payments.post_transfers(
    ids uuid[], kinds text[], refs text[],
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
    -- Every account of the call, locked at once in id order before the first transfer: two calls (two batches of
    -- confirmations side by side, a batch and a single posting) then never wait on each other in a circle, whatever
    -- accounts their transfers share. Each transfer below locks its own accounts again, at no cost.
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
            select a.id, a.kind, a.balance from payments.account a
            where a.id = any(accounts) order by a.id for no key update
        ),
        checked as (
            select count(*) = cardinality(accounts) as all_found,
                   coalesce(bool_and(k.kind = 'SYSTEM' or k.balance + l.amount >= 0), false) as all_funded,
                   min(k.id::text) filter (where k.kind <> 'SYSTEM' and k.balance + l.amount < 0) as short_id
            from locked k join legs l on l.account_id = k.id
        ),
        transfer as (
            insert into payments.transfer (id, kind, reference)
            select ids[i], kinds[i], refs[i] from checked where all_found and all_funded
            on conflict (kind, reference) do nothing
            returning id, created_at
        ),
        moved as (
            update payments.account a set balance = a.balance + l.amount
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
