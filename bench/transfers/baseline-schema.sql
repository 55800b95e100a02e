drop schema if exists baseline cascade;
create schema baseline;
create table baseline.account (id int primary key, balance bigint not null check (balance >= 0));
insert into baseline.account select i, 1000000000 from generate_series(1, 1000) i;
create table baseline.entry (id bigint generated always as identity primary key, account_id int not null references baseline.account,
                             amount bigint not null, created_at timestamptz not null default now());
