-- Seeds a Piaf database for the timeline benchmark, directly in SQL (signing 100k users up through the API would
-- take hours of Argon2). It writes what the application itself would have written, table by table:
--   identity.users            :users people, bu1..buN, all with the password hash of one user signed up by the API
--   messaging.follow          a power-law graph: bu1..bu5 followed by 50-80 % of everybody, then each user follows
--                             5..35 others drawn with P(x) ~ 1/x (Zipf), so popularity falls off smoothly
--   messaging.account_stats   follower/following counters, as follows maintain them
--   messaging.item            :posts posts over 30 days; authors above the pull threshold are not fanned out
--   messaging.pulled_author   those authors
--   messaging.timeline        the fan-out: one row per fanned-out post for its author and each follower
-- Variables: users, posts, threshold, hash.
\set ON_ERROR_STOP on
set synchronous_commit = off;
set maintenance_work_mem = '1GB';
set work_mem = '256MB';
\timing on

create schema if not exists bench;
create or replace function bench.uid(n int) returns uuid language sql immutable parallel safe
    as $$ select md5('piaf-bench-' || n)::uuid $$;

insert into identity.users (id, handle, display_name, kind, password_hash, payment_visibility, created_at)
select bench.uid(n), 'bu' || n, 'Bench user ' || n, 'PERSON', :'hash', 'FOLLOWERS', now() - interval '60 days'
from generate_series(1, :users) n;

-- Bulk loads go faster without secondary indexes: remember their exact definitions, drop, rebuild after.
create table bench.saved_index as
select indexname, indexdef from pg_indexes
where schemaname = 'messaging' and tablename in ('follow', 'item', 'timeline')
  and not exists (select 1 from pg_constraint c where c.conindid = format('%I.%I', schemaname, indexname)::regclass);
do $$ declare r record; begin
    for r in select indexname from bench.saved_index loop execute 'drop index messaging.' || r.indexname; end loop;
end $$;
alter table messaging.timeline drop constraint timeline_pkey;

-- The graph, with integer user numbers first.
create unlogged table bench.edge as
select distinct follower, followee from (
    select u as follower, c as followee
    from generate_series(1, 5) c, generate_series(1, :users) u
    -- deterministic and uniform (761 is coprime with 1000): 80, 72.5, 65, 57.5 and 50 % of all users
    where (u::bigint * 2654435761 + c * 97) % 1000 < 800 - 75 * (c - 1)
    union all
    select u, least(:users, greatest(6, floor(exp(random() * ln(:users)))::int))
    from generate_series(1, :users) u, lateral generate_series(1, 5 + (u * 7919) % 31) k
) e where follower <> followee;

insert into messaging.follow (follower_id, followee_id, created_at)
select bench.uid(follower), bench.uid(followee), now() - interval '45 days' from bench.edge;

create unlogged table bench.author as
select n, coalesce(fr.c, 0) as followers, coalesce(fg.c, 0) as following, coalesce(fr.c, 0) >= :threshold as pulled
from generate_series(1, :users) n
left join (select followee, count(*) c from bench.edge group by followee) fr on fr.followee = n
left join (select follower, count(*) c from bench.edge group by follower) fg on fg.follower = n;
alter table bench.author add primary key (n);

insert into messaging.account_stats (user_id, followers, following)
select bench.uid(n), followers, following from bench.author;

insert into messaging.pulled_author (author_id) select bench.uid(n) from bench.author where pulled;

-- Posts in time order (seq follows created_at): 1 % by the five biggest accounts, the rest by anybody.
insert into messaging.item (id, kind, author_id, author_handle, author_name, members, visibility, text, tags,
                            fanned_out, created_at)
select md5('piaf-bench-post-' || p.i)::uuid, 'post', bench.uid(p.a), 'bu' || p.a, 'Bench user ' || p.a,
       array[bench.uid(p.a)], case when p.i % 5 = 0 then 'FOLLOWERS' else 'PUBLIC' end,
       'Bench post ' || p.i || ' #bench', '{bench}', not a.pulled, p.at
from (
    select i, case when i % 100 = 0 then 1 + (i / 100) % 5 else 1 + floor(random() * :users)::int end as a,
           now() - interval '30 days' + (i * interval '30 days') / :posts as at
    from generate_series(1, :posts) i
) p join bench.author a on a.n = p.a
order by p.i;

-- Fan-out as publishing did it: every post to its author, a fanned-out post to each follower too.
create unlogged table bench.post_author as
select i.seq, i.author_id, i.fanned_out, cast(substr(i.author_handle, 3) as int) as a from messaging.item i where i.kind = 'post';
insert into messaging.timeline (owner_id, seq)
select author_id, seq from bench.post_author
union all
select bench.uid(e.follower), p.seq from bench.post_author p join bench.edge e on e.followee = p.a where p.fanned_out;

alter table messaging.timeline add constraint timeline_pkey primary key (owner_id, seq);
do $$ declare r record; begin
    for r in select indexdef from bench.saved_index loop execute r.indexdef; end loop;
end $$;

drop table bench.edge, bench.author, bench.post_author, bench.saved_index;
vacuum analyze identity.users, messaging.follow, messaging.account_stats, messaging.item, messaging.pulled_author, messaging.timeline;
