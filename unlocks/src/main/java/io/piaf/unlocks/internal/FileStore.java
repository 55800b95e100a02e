package io.piaf.unlocks.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import io.piaf.identity.UserId;
import reactor.core.publisher.Mono;

/** Content files: their bytes in {@code unlocks.content_file} (ADR 12), taken by at most one item each. */
@Component
class FileStore {

    /** A file to serve: its description and its bytes. */
    record Stored(FileRow file, ByteBuffer data) {
    }

    private final DatabaseClient db;

    FileStore(DatabaseClient db) {
        this.db = db;
    }

    /** Serialises one creator's uploads (the pending count) until the transaction ends. */
    Mono<Void> lockCreator(UserId creator) {
        return db.sql("select pg_advisory_xact_lock(hashtextextended('unlocks.files:' || $1::text, 0))")
                .bind(0, creator.value()).map(row -> 1).first().then();
    }

    /** Deletes the creator's uploads that no item took before {@code before}. */
    Mono<Long> pruneUnused(UserId creator, Instant before) {
        return db.sql("""
                delete from unlocks.content_file f where f.creator_id = $1 and f.created_at < $2
                and not exists (select 1 from unlocks.unlockable i where i.file_id = f.id)""")
                .bind(0, creator.value()).bind(1, before).fetch().rowsUpdated();
    }

    Mono<Integer> unused(UserId creator) {
        return db.sql("""
                select count(*)::int from unlocks.content_file f where f.creator_id = $1
                and not exists (select 1 from unlocks.unlockable i where i.file_id = f.id)""")
                .bind(0, creator.value()).map(row -> row.get(0, Integer.class)).one();
    }

    Mono<Void> insert(FileRow file, UserId creator, byte[] sha256, byte[] data, Instant at) {
        return db.sql("""
                insert into unlocks.content_file (id, creator_id, name, content_type, size, sha256, data, created_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8)""")
                .bind(0, file.id()).bind(1, creator.value()).bind(2, file.name()).bind(3, file.contentType()).bind(4, file.size())
                .bind(5, ByteBuffer.wrap(sha256)).bind(6, ByteBuffer.wrap(data)).bind(7, at)
                .then();
    }

    /** The creator's upload that no item took yet, locked until the transaction ends (so that one item takes it). */
    Mono<FileRow> claim(UUID id, UserId creator) {
        return db.sql("""
                select f.id, f.name, f.content_type, f.size from unlocks.content_file f where f.id = $1 and f.creator_id = $2
                and not exists (select 1 from unlocks.unlockable i where i.file_id = f.id) for update""")
                .bind(0, id).bind(1, creator.value())
                .map(row -> new FileRow(row.get("id", UUID.class), row.get("name", String.class), row.get("content_type", String.class),
                        row.get("size", Integer.class)))
                .one();
    }

    Mono<Stored> read(UUID id) {
        return db.sql("select id, name, content_type, size, data from unlocks.content_file where id = $1").bind(0, id)
                .map(row -> new Stored(new FileRow(row.get("id", UUID.class), row.get("name", String.class),
                        row.get("content_type", String.class), row.get("size", Integer.class)), row.get("data", ByteBuffer.class)))
                .one();
    }
}
