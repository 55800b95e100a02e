-- Generated from ItemStore.TIMELINE by TimelineBenchSqlTests: a first page of 20 (+1 to know if there is more).
-- The reader ($1) comes from :READER, which bench/timeline/run replaces.
with reader as (select :READER as id), pulled as (
    select p.author_id from messaging.pulled_author p
    join messaging.follow f on f.follower_id = (select id from reader) and f.followee_id = p.author_id
), page as (
    (select t.seq from messaging.timeline t join messaging.item i on i.seq = t.seq
     where t.owner_id = (select id from reader) and t.seq < 9223372036854775807 and (i.visibility = 'PUBLIC' or (select id from reader) = any(i.members) or (i.visibility = 'FOLLOWERS' and exists (
    select 1 from messaging.follow f where f.follower_id = (select id from reader) and f.followee_id = any(i.members))))
     order by t.seq desc limit 21)
    union
    (select x.seq from pulled, lateral (
        select i.seq from messaging.item i
        where i.author_id = pulled.author_id and not i.fanned_out and i.visibility <> 'PRIVATE' and i.seq < 9223372036854775807
        order by i.seq desc limit 21) x)
)
select i.seq, case when i.author_id = (select id from reader) and i.annotations <> '{}'::jsonb then (v.json::jsonb || i.annotations)::text
     else v.json::text end from page join messaging.item i on i.seq = page.seq
cross join lateral (select case
    when i.kind = 'post' then json_build_object('kind', i.kind, 'id', i.id, 'author', a.author,
        'text', i.text, 'visibility', i.visibility, 'createdAt', a.created_at,
        'mentions', i.mentions, 'tags', i.tags)
    when i.party_details is not null and (select id from reader) = any(i.members) then json_build_object('kind', i.kind,
        'id', i.id, 'author', a.author, 'text', i.text, 'visibility', i.visibility,
        'createdAt', a.created_at, 'parties', i.parties, 'details', i.party_details)
    else json_build_object('kind', i.kind, 'id', i.id, 'author', a.author, 'text', i.text,
        'visibility', i.visibility, 'createdAt', a.created_at, 'parties', coalesce(i.parties, '[]'))
    end as json
    from (select json_build_object('id', i.author_id, 'handle', i.author_handle,
                                   'displayName', i.author_name) as author,
                 to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at) a
) v
order by i.seq desc limit 21;
