package io.piaf.unlocks.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import io.piaf.messaging.PostId;
import io.piaf.unlocks.UnlockableId;
import io.piaf.unlocks.internal.domain.PostTemplate;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Unlocks' tables. */
@Component
class UnlockStore {

    private static final String ITEM = """
            id, creator_id, creator_handle, title, teaser, content_text, content_url, post_template, required_text,
            max_length, created_at, file_id, price""";
    /** An item and its file's description (never its bytes). */
    private static final String ITEM_SELECT = """
            select i.id, i.creator_id, i.creator_handle, i.title, i.teaser, i.content_text, i.content_url, i.post_template,
            i.required_text, i.max_length, i.created_at, i.file_id, i.price, f.name as file_name, f.content_type as file_type, f.size as file_size
            from unlocks.unlockable i left join unlocks.content_file f on f.id = i.file_id""";
    private static final String UNLOCK = """
            id, unlockable_id, user_id, user_handle, post_id, audience, via_post_id, via_user_id, via_handle, created_at,
            revoked_at, kind, amount, transfer_id""";

    /** A user's unlocks in the last hour: how many, and when the oldest was made. */
    record Recent(int count, Instant oldest) {
    }

    private final DatabaseClient db;

    UnlockStore(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insert(UnlockableRow i) {
        return db.sql("insert into unlocks.unlockable (" + ITEM + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
                .bind(0, i.id().value()).bind(1, i.creator().value()).bind(2, i.creatorHandle()).bind(3, i.title())
                .bind(4, i.teaser()).bind(5, nullable(i.contentText(), String.class)).bind(6, nullable(i.contentUrl(), String.class))
                .bind(7, i.template().text()).bind(8, i.template().required().toArray(String[]::new))
                .bind(9, i.template().maxLength()).bind(10, i.createdAt())
                .bind(11, nullable(i.file() == null ? null : i.file().id(), UUID.class))
                .bind(12, nullable(i.price(), Long.class))
                .then();
    }

    Mono<UnlockableRow> find(UnlockableId id) {
        return db.sql(ITEM_SELECT + " where i.id = $1").bind(0, id.value()).map(UnlockStore::item).one();
    }

    Flux<UnlockableRow> byCreator(UserId creator, int limit) {
        return db.sql(ITEM_SELECT + " where i.creator_id = $1 order by i.created_at desc limit $2")
                .bind(0, creator.value()).bind(1, limit).map(UnlockStore::item).all();
    }

    /**
     * Serialises one user's unlocks until the transaction ends, so that the hourly count and the one-per-item check
     * stay true when the same user unlocks from two tabs at once (a transaction-scoped advisory lock: no row to lock).
     */
    Mono<Void> lockUser(UserId user) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended('unlocks.user:' || $1::text, 0))")
                .bind(0, user.value()).map(row -> 1).first().then();
    }

    Mono<UnlockRow> active(UnlockableId item, UserId user) {
        return db.sql("select " + UNLOCK + " from unlocks.unlock where unlockable_id = $1 and user_id = $2 and revoked_at is null")
                .bind(0, item.value()).bind(1, user.value()).map(UnlockStore::unlock).one();
    }

    Mono<Recent> recent(UserId user, Instant since) {
        return db.sql("select count(*)::int, min(created_at) from unlocks.unlock where user_id = $1 and created_at > $2 and kind = 'POST'")
                .bind(0, user.value()).bind(1, since)
                .map(row -> new Recent(row.get(0, Integer.class), row.get(1, Instant.class))).one();
    }

    Mono<UnlockRow> byPost(PostId post) {
        return db.sql("select " + UNLOCK + " from unlocks.unlock where post_id = $1").bind(0, post.value()).map(UnlockStore::unlock).one();
    }

    Mono<Void> insert(UnlockRow u) {
        return db.sql("insert into unlocks.unlock (" + UNLOCK + ") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, $11, $12, $13)")
                .bind(0, u.id()).bind(1, u.unlockable().value()).bind(2, u.user().value()).bind(3, u.userHandle())
                .bind(4, nullable(u.post() == null ? null : u.post().value(), UUID.class)).bind(5, u.audience())
                .bind(6, nullable(u.viaPost() == null ? null : u.viaPost().value(), UUID.class))
                .bind(7, nullable(u.viaUser() == null ? null : u.viaUser().value(), UUID.class))
                .bind(8, nullable(u.viaHandle(), String.class)).bind(9, u.createdAt())
                .bind(10, u.kind()).bind(11, nullable(u.amount(), Long.class)).bind(12, nullable(u.transferId(), UUID.class))
                .then();
    }

    /** Revokes the active unlock made with this post if it was made after {@code madeAfter}; emits it when revoked. */
    Mono<UnlockRow> revoke(PostId post, Instant madeAfter, Instant at) {
        return db.sql("update unlocks.unlock set revoked_at = $3 where post_id = $1 and revoked_at is null and created_at > $2 "
                        + "returning " + UNLOCK)
                .bind(0, post.value()).bind(1, madeAfter).bind(2, at).map(UnlockStore::unlock).one();
    }

    /** An item's active unlocks, oldest first: the viral chain. */
    Flux<UnlockRow> chain(UnlockableId item) {
        return db.sql("select " + UNLOCK + " from unlocks.unlock where unlockable_id = $1 and revoked_at is null order by created_at, id")
                .bind(0, item.value()).map(UnlockStore::unlock).all();
    }

    private static UnlockableRow item(Readable row) {
        var required = row.get("required_text", String[].class);
        var template = new PostTemplate(row.get("post_template", String.class), Arrays.asList(required), row.get("max_length", Integer.class));
        return new UnlockableRow(new UnlockableId(row.get("id", UUID.class)), new UserId(row.get("creator_id", UUID.class)),
                row.get("creator_handle", String.class), row.get("title", String.class), row.get("teaser", String.class),
                row.get("content_text", String.class), row.get("content_url", String.class), file(row), template,
                row.get("created_at", Instant.class), row.get("price", Long.class));
    }

    private static FileRow file(Readable row) {
        var id = row.get("file_id", UUID.class);
        return id == null ? null : new FileRow(id, row.get("file_name", String.class), row.get("file_type", String.class),
                row.get("file_size", Integer.class));
    }

    private static UnlockRow unlock(Readable row) {
        var viaPost = row.get("via_post_id", UUID.class);
        var viaUser = row.get("via_user_id", UUID.class);
        var post = row.get("post_id", UUID.class);
        return new UnlockRow(row.get("id", UUID.class), new UnlockableId(row.get("unlockable_id", UUID.class)),
                new UserId(row.get("user_id", UUID.class)), row.get("user_handle", String.class),
                post == null ? null : new PostId(post), row.get("audience", Integer.class),
                viaPost == null ? null : new PostId(viaPost), viaUser == null ? null : new UserId(viaUser),
                row.get("via_handle", String.class), row.get("created_at", Instant.class), row.get("revoked_at", Instant.class),
                row.get("kind", String.class), row.get("amount", Long.class), row.get("transfer_id", UUID.class));
    }

    private static Object nullable(Object value, Class<?> type) {
        return value == null ? org.springframework.r2dbc.core.Parameter.empty(type) : value;
    }
}
