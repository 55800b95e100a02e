-- Card velocity: a keyed fingerprint of the card number (HMAC, never the number) so that declines of one card are
-- counted across accounts; top-ups of an account by time for its declines and its daily total.
alter table payments.top_up add column card_fingerprint bytea;
create index top_up_by_card on payments.top_up (card_fingerprint, created_at) where card_fingerprint is not null;
create index top_up_by_user on payments.top_up (user_id, created_at);
