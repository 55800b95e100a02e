-- The pgbench baseline of bench/cards: what an approved authorization writes, as plain tables in one schema.
drop schema if exists baseline_cards cascade;
create schema baseline_cards;
create table baseline_cards.account (id int primary key, balance bigint not null, held bigint not null default 0,
                                     check (balance - held >= 0));
insert into baseline_cards.account select i, 1000000000 from generate_series(1, 1000) i;
create table baseline_cards.card (id int primary key, account_id int not null references baseline_cards.account,
                                  lookup bytea not null unique, spent_today bigint not null default 0);
insert into baseline_cards.card select i, i, sha256(i::text::bytea) from generate_series(1, 1000) i;
create table baseline_cards.message (id text primary key, body_hash bytea not null, approved boolean,
                                     authorization_id uuid, received_at timestamptz not null default now());
create table baseline_cards.hold (id uuid primary key, account_id int not null references baseline_cards.account,
                                  amount bigint not null, remaining bigint not null, status text not null,
                                  created_at timestamptz not null default now());
create table baseline_cards.authorization (id uuid primary key, card_id int not null references baseline_cards.card,
                                           status text not null, amount bigint not null, held bigint not null,
                                           merchant_name text not null, mcc text not null, country text not null,
                                           created_at timestamptz not null default now());
