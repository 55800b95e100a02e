-- pgbench baseline: one transfer per durable transaction, the way a bank's core writes it.
\set from random(1, 1000)
\set to random(1, 1000)
\set cents random(1, 10)
BEGIN;
UPDATE baseline.account SET balance = balance - :cents WHERE id = :from;
UPDATE baseline.account SET balance = balance + :cents WHERE id = :to;
INSERT INTO baseline.entry (account_id, amount) VALUES (:from, -:cents), (:to, :cents);
COMMIT;
