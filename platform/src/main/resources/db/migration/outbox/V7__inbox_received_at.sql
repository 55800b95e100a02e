-- The housekeeping forgets inbox rows after piaf.outbox.inbox-retention: found by age, not by scanning the table.
create index inbox_received_at on outbox.inbox (received_at);
