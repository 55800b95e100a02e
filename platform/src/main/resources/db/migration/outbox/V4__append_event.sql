-- One event appended from inside another module's statement (io.piaf.outbox.ComposedEvent): the event row, one
-- delivery per listener and the NOTIFY (sent only on commit), as OutboxStore's append writes them. For a state
-- change that commits as one statement with no transaction around it, so that its event is still written by that
-- statement and commits or rolls back with it. Returns the event's seq.
create function outbox.append_event(new_event_id uuid, event_type text, event_version int, event_payload jsonb,
                                    event_listeners text[], notify_payload text)
returns bigint
language plpgsql as $$
declare
    appended bigint;
begin
    insert into outbox.event (event_id, type, payload, schema_version)
    values (new_event_id, event_type, event_payload, event_version)
    returning seq into appended;
    insert into outbox.delivery (seq, listener) select appended, l from unnest(event_listeners) as l;
    perform pg_notify('piaf_outbox', notify_payload);
    return appended;
end $$;
