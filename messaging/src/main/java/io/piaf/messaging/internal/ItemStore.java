package io.piaf.messaging.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.messaging.Visibility;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Items and home timelines. Publishing fans an item out on write to its readers' timelines, except for authors with
 * at least {@code pullThreshold} followers, whose followers pull their items at read time (Twitter's hybrid).
 * Every read path applies the same visibility rule, {@link #VISIBLE}, and renders items the same way, {@link #JSON},
 * with the reader as {@code $1}. Rendering in PostgreSQL (as PostgREST does) spares the application decoding fifteen
 * columns and encoding them again for every item: a read returns one text column per item, passed through as is.
 */
@Component
class ItemStore {

    /**
     * Whether {@code reader} (a column or parameter) may see item {@code i}: anyone a PUBLIC item; its author and
     * parties always; followers of its author or of a party a FOLLOWERS item. Checked at read time too, so an
     * unfollow hides FOLLOWERS items at once, whatever the timelines still hold. The one visibility rule: every read
     * path uses it.
     */
    static String visibleTo(String reader) {
        return """
                (i.visibility = 'PUBLIC' or %1$s = any(i.members) or (i.visibility = 'FOLLOWERS' and exists (
                    select 1 from messaging.follow f where f.follower_id = %1$s and f.followee_id = any(i.members))))"""
                .formatted(reader);
    }

    /** {@link #visibleTo} the reader bound at {@code $1}. */
    static final String VISIBLE = visibleTo("$1");

    /**
     * Item {@code i} as reader {@code $1} gets it (API.md): everyone the same members; its parties also
     * {@code details}; its author also the annotations other modules attached, as top-level members. Needs
     * {@link #VIEW} in the FROM clause.
     */
    static final String JSON = """
            case when i.author_id = $1 and i.annotations <> '{}'::jsonb then (v.json::jsonb || i.annotations)::text
                 else v.json::text end""";

    /** The JSON of item {@code i} without annotations, built once per row. */
    static final String VIEW = """
            cross join lateral (select case
                when i.kind = 'post' then json_build_object('kind', i.kind, 'id', i.id, 'author', a.author,
                    'text', i.text, 'visibility', i.visibility, 'createdAt', a.created_at,
                    'mentions', i.mentions, 'tags', i.tags)
                when i.party_details is not null and $1 = any(i.members) then json_build_object('kind', i.kind,
                    'id', i.id, 'author', a.author, 'text', i.text, 'visibility', i.visibility,
                    'createdAt', a.created_at, 'parties', i.parties, 'details', i.party_details)
                else json_build_object('kind', i.kind, 'id', i.id, 'author', a.author, 'text', i.text,
                    'visibility', i.visibility, 'createdAt', a.created_at, 'parties', coalesce(i.parties, '[]'))
                end as json
                from (select json_build_object('id', i.author_id, 'handle', i.author_handle,
                                               'displayName', i.author_name) as author,
                             to_char(i.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as created_at) a
            ) v""";

    /**
     * A page of a home timeline, newest first, up to {@code $3} rows older than {@code $2}: the rows fanned out to
     * the reader, merged with the latest items of the pulled authors the reader follows (one top-N index scan each).
     */
    static final String TIMELINE = """
            with pulled as (
                select p.author_id from messaging.pulled_author p
                join messaging.follow f on f.follower_id = $1 and f.followee_id = p.author_id
            ), page as (
                (select t.seq from messaging.timeline t join messaging.item i on i.seq = t.seq
                 where t.owner_id = $1 and t.seq < $2 and %s
                 order by t.seq desc limit $3)
                union
                (select x.seq from pulled, lateral (
                    select i.seq from messaging.item i
                    where i.author_id = pulled.author_id and not i.fanned_out and i.visibility <> 'PRIVATE' and i.seq < $2
                    order by i.seq desc limit $3) x)
            )
            select i.seq, %s from page join messaging.item i on i.seq = page.seq
            %s
            order by i.seq desc limit $3""".formatted(VISIBLE, JSON, VIEW);

    private static final String BY_AUTHOR = """
            select i.seq, %s from messaging.item i
            %s
            where i.author_id = $2 and i.seq < $3 and %s
            order by i.seq desc limit $4""".formatted(JSON, VIEW, VISIBLE);

    private static final String POST = """
            select i.seq, %s from messaging.item i
            %s
            where i.id = $2 and i.kind = 'post' and %s""".formatted(JSON, VIEW, VISIBLE);

    /**
     * One statement for a batch of items, whatever their number: each item (unless its id exists: publishing is
     * idempotent), then its timeline rows: every member, and unless PRIVATE the followers of every member below the
     * threshold. An author at or above it is remembered as pulled. Members travel as (item, member) pairs in their
     * order, and so do tags, since an array of arrays does not unnest by row.
     */
    private static final String INSERT_ALL = """
            with input as (
                select * from unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                                     $8::text[], $9::text[], $10::text[], $14::text[])
                with ordinality as i(id, kind, author_id, author_handle, author_name, visibility, text, parties,
                                     party_details, created_at, mentions, ord)
            ), member as (
                select * from unnest($11::int[], $12::uuid[]) with ordinality as m(item, member_id, ord)
            ), tag as (
                select * from unnest($15::int[], $16::text[]) with ordinality as t(item, tag, ord)
            ), celebrity as (
                select s.user_id from messaging.account_stats s
                where s.user_id in (select member_id from member) and s.followers >= $13
            ), ins as (
                insert into messaging.item (id, kind, author_id, author_handle, author_name, members, visibility, text,
                                            mentions, tags, parties, party_details, fanned_out, created_at)
                select i.id, i.kind, i.author_id, i.author_handle, i.author_name,
                       array(select m.member_id from member m where m.item = i.ord order by m.ord), i.visibility, i.text,
                       i.mentions::jsonb, array(select t.tag from tag t where t.item = i.ord order by t.ord), nullif(i.parties, '')::jsonb, nullif(i.party_details, '')::jsonb,
                       not exists (select 1 from celebrity c where c.user_id = i.author_id), i.created_at::timestamptz
                from input i order by i.ord
                on conflict (id) do nothing
                returning seq, author_id, members, visibility, fanned_out
            ), pulled as (
                insert into messaging.pulled_author (author_id) select distinct author_id from ins where not fanned_out
                on conflict do nothing
            ), readers as (
                select ins.seq, unnest(ins.members) as owner_id from ins
                union
                select ins.seq, f.follower_id from ins join messaging.follow f on f.followee_id = any(ins.members)
                where ins.visibility <> 'PRIVATE'
                  and not exists (select 1 from celebrity c where c.user_id = f.followee_id)
            ), fanned as (
                insert into messaging.timeline (owner_id, seq) select owner_id, seq from readers
                on conflict do nothing
            )
            select count(*) from ins""";

    record NewItem(UUID id, String kind, UserId author, String authorHandle, String authorName, List<UserId> members,
            Visibility visibility, String text, String mentionsJson, List<String> tags, String partiesJson,
            String partyDetailsJson, Instant createdAt) {
    }

    private final DatabaseClient db;
    private final MessagingProperties properties;

    ItemStore(DatabaseClient db, MessagingProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    /** Inserts items that do not exist yet and fans them out; one statement. */
    Mono<Void> insertAll(List<NewItem> items) {
        var memberItem = new ArrayList<Integer>();
        var memberId = new ArrayList<UUID>();
        var tagItem = new ArrayList<Integer>();
        var tags = new ArrayList<String>();
        for (var i = 0; i < items.size(); i++) {
            for (var member : items.get(i).members()) {
                memberItem.add(i + 1);
                memberId.add(member.value());
            }
            for (var tag : items.get(i).tags()) {
                tagItem.add(i + 1);
                tags.add(tag);
            }
        }
        return db.sql(INSERT_ALL)
                .bind(0, items.stream().map(NewItem::id).toArray(UUID[]::new))
                .bind(1, items.stream().map(NewItem::kind).toArray(String[]::new))
                .bind(2, items.stream().map(i -> i.author().value()).toArray(UUID[]::new))
                .bind(3, items.stream().map(NewItem::authorHandle).toArray(String[]::new))
                .bind(4, items.stream().map(NewItem::authorName).toArray(String[]::new))
                .bind(5, items.stream().map(i -> i.visibility().name()).toArray(String[]::new))
                .bind(6, items.stream().map(NewItem::text).toArray(String[]::new))
                .bind(7, items.stream().map(i -> i.partiesJson() == null ? "" : i.partiesJson()).toArray(String[]::new))
                .bind(8, items.stream().map(i -> i.partyDetailsJson() == null ? "" : i.partyDetailsJson()).toArray(String[]::new))
                .bind(9, items.stream().map(i -> i.createdAt().toString()).toArray(String[]::new))
                .bind(10, memberItem.toArray(Integer[]::new)).bind(11, memberId.toArray(UUID[]::new))
                .bind(12, properties.pullThreshold())
                .bind(13, items.stream().map(NewItem::mentionsJson).toArray(String[]::new))
                .bind(14, tagItem.toArray(Integer[]::new)).bind(15, tags.toArray(String[]::new))
                .then();
    }

    /** Up to {@code limit} items of the reader's home timeline older than {@code before}. */
    Flux<ItemRow> timeline(UserId reader, long before, int limit) {
        return db.sql(TIMELINE).bind(0, reader.value()).bind(1, before).bind(2, limit)
                .map(ItemRow::read).all();
    }

    /** Up to {@code limit} of an author's items the reader may see, older than {@code before}. */
    Flux<ItemRow> byAuthor(UserId author, UserId reader, long before, int limit) {
        return db.sql(BY_AUTHOR).bind(0, reader.value()).bind(1, author.value()).bind(2, before).bind(3, limit)
                .map(ItemRow::read).all();
    }

    /** The post, if the reader may see it. */
    Mono<ItemRow> post(UUID id, UserId reader) {
        return db.sql(POST).bind(0, reader.value()).bind(1, id).map(ItemRow::read).one();
    }

    /** Deletes the author's post and its timeline rows; emits when it was published, empty when there is no such post of theirs. */
    Mono<Instant> deletePost(UUID id, UserId author) {
        return db.sql("""
                with gone as (
                    delete from messaging.item where id = $1 and kind = 'post' and author_id = $2 returning seq, created_at
                ), lines as (
                    delete from messaging.timeline t using gone where t.seq = gone.seq
                )
                select created_at from gone""")
                .bind(0, id).bind(1, author.value()).map(row -> row.get(0, Instant.class)).one();
    }

    /** Which of the candidates may see the post (none when there is no such post). */
    Flux<UserId> readersAmong(UUID postId, Collection<UserId> candidates) {
        if (candidates.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                select r.id from unnest($2::uuid[]) as r(id), messaging.item i
                where i.id = $1 and i.kind = 'post' and """ + visibleTo("r.id"))
                .bind(0, postId).bind(1, candidates.stream().map(UserId::value).toArray(UUID[]::new))
                .map(row -> new UserId(row.get(0, UUID.class))).all();
    }

    /** An annotation to set: its post, name and JSON value. */
    record Annotation(UUID post, String key, String valueJson) {
    }

    /** Sets annotations of posts, in order (a later one of a post wins), one statement; emits how many were set. */
    Mono<Long> annotateAll(List<Annotation> annotations) {
        return db.sql("""
                with input as (
                    select * from unnest($1::uuid[], $2::text[], $3::text[]) with ordinality as a(post, key, value, ord)
                ), merged as (
                    select post, jsonb_object_agg(key, value::jsonb order by ord) as annotations, count(*) as n
                    from input group by post
                ), set as (
                    update messaging.item i set annotations = i.annotations || m.annotations
                    from merged m where i.id = m.post and i.kind = 'post'
                    returning m.n
                )
                select coalesce(sum(n), 0)::bigint from set""")
                .bind(0, annotations.stream().map(Annotation::post).toArray(UUID[]::new))
                .bind(1, annotations.stream().map(Annotation::key).toArray(String[]::new))
                .bind(2, annotations.stream().map(Annotation::valueJson).toArray(String[]::new))
                .map(row -> row.get(0, Long.class)).one();
    }
}
