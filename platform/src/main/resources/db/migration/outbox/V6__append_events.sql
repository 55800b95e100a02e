-- Versioned 6: a V5 (an index per listener) was on main for an hour on 2026-12-01 and reverted; 6 keeps one meaning per version.
-- append_event (V4) for many events of one type at once: one statement that approves many card authorizations
-- appends their events in one call, rather than one call (three statements) per row. Events keep the order of
-- event_ids (their seq follows it); each gets one delivery per listener; one NOTIFY for them all, sent on commit.
-- Returns each appended event's id and seq.
create function outbox.append_events(event_ids uuid[], event_type text, event_version int, payloads jsonb[],
                                     event_listeners text[], notify_payload text)
returns table (appended_event uuid, appended_seq bigint)
language plpgsql as $$
begin
    return query
        with appended as (
            insert into outbox.event (event_id, type, payload, schema_version)
            select e.id, event_type, e.payload, event_version
            from unnest(event_ids, payloads) with ordinality as e (id, payload, ord)
            order by e.ord
            returning event_id, seq
        ),
        delivered as (
            insert into outbox.delivery (seq, listener)
            select a.seq, l from appended a cross join unnest(event_listeners) as l
        )
        select a.event_id, a.seq from appended a;
    if coalesce(cardinality(event_ids), 0) > 0 then
        perform pg_notify('piaf_outbox', notify_payload);
    end if;
end $$;
