-- pgbench baseline: one approved card authorization as one durable SQL transaction, written as directly as SQL
-- allows. The same writes as Piaf's path: claim the network message id, lock the card by its PAN's lookup hash and
-- count its daily spend, hold the amount on the account only if it is available, record the hold and the
-- authorization, store the answer. No signature check, no rules in Java, no event, no HTTP. :cards (pgbench -D) is
-- how many cards Piaf's phases spread over, so that both meet the same row-lock contention.
\set card random(1, :cards)
\set cents random(1, 10)
BEGIN;
INSERT INTO baseline_cards.message (id, body_hash) VALUES (gen_random_uuid()::text, sha256(random()::text::bytea))
RETURNING id AS mid, gen_random_uuid() AS aid \gset
UPDATE baseline_cards.card SET spent_today = spent_today + :cents WHERE lookup = sha256(:card::text::bytea);
UPDATE baseline_cards.account SET held = held + :cents WHERE id = :card AND balance - held >= :cents;
INSERT INTO baseline_cards.hold (id, account_id, amount, remaining, status) VALUES (:aid, :card, :cents, :cents, 'ACTIVE');
INSERT INTO baseline_cards.authorization (id, card_id, status, amount, held, merchant_name, mcc, country)
VALUES (:aid, :card, 'PENDING', :cents, :cents, 'Bench Café', '5812', 'FR');
UPDATE baseline_cards.message SET approved = true, authorization_id = :aid WHERE id = :mid;
COMMIT;
