-- place_hold (V7, V14) for many holds at once, each on its own account: one statement that approves many card
-- authorizations places their holds in one call, rather than one call per row. Same guarantees: every account is
-- locked first (in id order, as postings lock), each hold is placed only if its account's available balance covers
-- it, and nothing else. Two holds on one account in one call are refused (an update cannot change a row twice in
-- one statement, so the second would not see the first): the caller batches one hold per account. A hold id that
-- exists already is not placed (no increment here: that is place_hold's). Returns one row per hold asked.
create function payments.place_holds(hold_ids uuid[], accounts uuid[], amounts bigint[], memos text[])
returns table (hold_id uuid, is_found boolean, is_funded boolean, hold_remaining bigint, available bigint)
language plpgsql as $$
#variable_conflict use_column
begin
    if (select count(*) <> count(distinct a) from unnest(accounts) as a) then
        raise exception 'place_holds takes one hold per account' using errcode = '22023';
    end if;
    return query
        with wanted as (
            select * from unnest(hold_ids, accounts, amounts, memos) as w (id, account_id, more, memo)
        ),
        locked as (
            select a.id, a.kind, a.balance, a.held from payments.account a
            where a.id = any(accounts) order by a.id for no key update
        ),
        checked as (
            select w.id, w.account_id, w.more, w.memo, k.id is not null as found,
                   k.id is not null and (k.kind = 'SYSTEM' or k.balance - k.held - w.more >= 0) as funded
            from wanted w left join locked k on k.id = w.account_id
        ),
        held as (
            insert into payments.hold (id, account_id, amount, remaining, memo, status)
            select c.id, c.account_id, c.more, c.more, c.memo, 'ACTIVE' from checked c where c.funded
            on conflict (id) do nothing
            returning id, account_id, remaining
        ),
        moved as (
            update payments.account a set held = a.held + h.remaining
            from held h where a.id = h.account_id
            returning a.id, a.balance - a.held as available
        )
        select c.id, c.found, c.funded, h.remaining, coalesce(m.available, k.balance - k.held)
        from checked c
        left join held h on h.id = c.id
        left join moved m on m.id = c.account_id
        left join locked k on k.id = c.account_id;
end $$;
