package io.piaf.unlocks.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.UserId;
import io.piaf.unlocks.internal.domain.FileRules;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Uploads of content files: the type and length announced are checked before the body is read, the body is read up
 * to the limit and no further, then its bytes are checked (FileRules) and stored in one transaction. An upload waits
 * for an item to take it; those no item took within a day are deleted at the creator's next upload.
 */
@Service
class ContentFiles {

    static final int UNUSED_MAX = 10;
    static final Duration UNUSED_KEPT = Duration.ofDays(1);

    private final FileStore files;
    private final FileRules rules;
    private final TransactionalOperator transactional;

    ContentFiles(FileStore files, FileRules rules, ReactiveTransactionManager transactions) {
        this.files = files;
        this.rules = rules;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<FileRow> upload(UserId creator, String contentType, String name, long length, Flux<DataBuffer> body) {
        return Mono.defer(() -> {
            rules.announced(contentType, length < 0 ? null : length).ifPresent(r -> {
                throw UnlockService.problem(r);
            });
            return DataBufferUtils.join(body, (int) Math.min(Integer.MAX_VALUE - 8, rules.maxBytes()))
                    .onErrorMap(DataBufferLimitException.class, e -> UnlockService.problem(rules.tooLarge()))
                    .map(buffer -> {
                        try {
                            var bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            return bytes;
                        } finally {
                            DataBufferUtils.release(buffer);
                        }
                    })
                    .defaultIfEmpty(new byte[0])
                    .flatMap(bytes -> store(creator, contentType, name, bytes));
        });
    }

    private Mono<FileRow> store(UserId creator, String contentType, String name, byte[] bytes) {
        var accepted = switch (rules.check(contentType, name, bytes)) {
            case FileRules.Ok ok -> ok.file();
            case FileRules.No no -> throw UnlockService.problem(no.refusal());
        };
        var file = new FileRow(UUID.randomUUID(), accepted.name(), accepted.contentType(), bytes.length);
        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transactional.transactional(files.lockCreator(creator)
                .then(files.pruneUnused(creator, now.minus(UNUSED_KEPT)))
                .then(files.unused(creator))
                .flatMap(unused -> unused >= UNUSED_MAX
                        ? Mono.error(ProblemException.conflict("too_many_unused_files", "You have " + unused
                                + " uploaded files that no item uses yet; create items with them, or wait a day for them to go."))
                        : files.insert(file, creator, sha256(bytes), bytes, now))
                .thenReturn(file));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
