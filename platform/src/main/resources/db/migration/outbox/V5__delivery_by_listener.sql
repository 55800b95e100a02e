-- A listener's claim reads its due deliveries in event order from this index and stops at its batch. Without it the
-- claim scanned and sorted the whole delivery table at every batch: measured during a month close of 100,000 budgets
-- (bench/budgets), where the table churns 100,000 rows and holds tens of thousands of dead ones between vacuums,
-- the relay's claims took 21–98 s of statement time.
create index delivery_by_listener on outbox.delivery (listener, seq);
