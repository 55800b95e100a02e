package io.piaf.messaging.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.messaging.Visibility;
import io.r2dbc.postgresql.codec.Json;
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
     * Whether reader {@code $1} may see item {@code i}: anyone a PUBLIC item; its author and parties always;
     * followers of its author or of a party a FOLLOWERS item. Checked at read time too, so an unfollow hides
     * FOLLOWERS items at once, whatever the timelines still hold.
     */
    static final String VISIBLE = """
            (i.visibility = 'PUBLIC' or $1 = any(i.members) or (i.visibility = 'FOLLOWERS' and exists (
                select 1 from messaging.follow f where f.follower_id = $1 and f.followee_id = any(i.members))))""";

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
     * One round trip: the item (unless its id exists: publishing is idempotent), then its timeline rows: every
     * member, and unless PRIVATE the followers of every member below the threshold. An author at or above it is
     * remembered as pulled.
     */
    private static final String INSERT = """
            with celebrity as (
                select s.user_id from messaging.account_stats s where s.user_id = any($6) and s.followers >= $14
            ), ins as (
                insert into messaging.item (id, kind, author_id, author_handle, author_name, members, visibility, text,
                                            mentions, tags, parties, party_details, fanned_out, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                        not exists (select 1 from celebrity c where c.user_id = $3), $13)
                on conflict (id) do nothing
                returning seq, fanned_out
            ), pulled as (
                insert into messaging.pulled_author (author_id) select $3 from ins where not ins.fanned_out
                on conflict do nothing
            ), readers as (
                select unnest($6::uuid[]) as owner_id
                union
                select f.follower_id from messaging.follow f
                where $7 <> 'PRIVATE' and f.followee_id = any($6)
                  and not exists (select 1 from celebrity c where c.user_id = f.followee_id)
            ), fanned as (
                insert into messaging.timeline (owner_id, seq) select r.owner_id, ins.seq from ins, readers r
                on conflict do nothing
            )
            select seq from ins""";

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

    /** Emits the new item's seq; empty when an item with this id exists already. */
    Mono<Long> insert(NewItem item) {
        return db.sql(INSERT)
                .bind(0, item.id()).bind(1, item.kind()).bind(2, item.author().value())
                .bind(3, item.authorHandle()).bind(4, item.authorName())
                .bind(5, item.members().stream().map(UserId::value).toArray(UUID[]::new))
                .bind(6, item.visibility().name()).bind(7, item.text())
                .bind(8, Json.of(item.mentionsJson())).bind(9, item.tags().toArray(String[]::new))
                .bind(10, Parameter.fromOrEmpty(item.partiesJson() == null ? null : Json.of(item.partiesJson()), Json.class))
                .bind(11, Parameter.fromOrEmpty(item.partyDetailsJson() == null ? null : Json.of(item.partyDetailsJson()), Json.class))
                .bind(12, item.createdAt()).bind(13, properties.pullThreshold())
                .map(row -> row.get(0, Long.class)).one();
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

    /** Which of the candidates may see the post (none when there is no such post). */
    Flux<UserId> readersAmong(UUID postId, Collection<UserId> candidates) {
        if (candidates.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("""
                select r.id from unnest($2::uuid[]) as r(id), messaging.item i
                where i.id = $1 and i.kind = 'post' and (i.visibility = 'PUBLIC' or r.id = any(i.members)
                  or (i.visibility = 'FOLLOWERS' and exists (select 1 from messaging.follow f
                      where f.follower_id = r.id and f.followee_id = any(i.members))))""")
                .bind(0, postId).bind(1, candidates.stream().map(UserId::value).toArray(UUID[]::new))
                .map(row -> new UserId(row.get(0, UUID.class))).all();
    }

    /** Sets one annotation of a post; emits whether the post exists. */
    Mono<Boolean> annotate(UUID postId, String key, String valueJson) {
        return db.sql("""
                update messaging.item set annotations = annotations || jsonb_build_object($2::text, $3::jsonb)
                where id = $1 and kind = 'post'""")
                .bind(0, postId).bind(1, key).bind(2, Json.of(valueJson))
                .fetch().rowsUpdated().map(n -> n > 0);
    }
}
