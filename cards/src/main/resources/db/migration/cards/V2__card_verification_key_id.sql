-- Card-verification keys rotate: each card names the key its CVV derives from, so a card issued before a rotation
-- keeps verifying (its printed CVV never changes) while new cards take the newest key. Cards issued before this
-- migration were all under the original key, id '1' (piaf.cards.verification-key).
alter table cards.card add column cvk_id text not null default '1' check (cvk_id ~ '^[A-Za-z0-9_-]{1,16}$');
alter table cards.card alter column cvk_id drop default;
