package io.piaf.unlocks.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.piaf.common.ProblemException;
import io.piaf.identity.Identity;
import io.piaf.identity.UserId;
import io.piaf.messaging.Messaging;
import io.piaf.messaging.PostId;
import io.piaf.outbox.Outbox;
import io.piaf.unlocks.UnlockGranted;
import io.piaf.unlocks.UnlockableCreated;
import io.piaf.unlocks.UnlockableId;
import io.piaf.unlocks.internal.domain.ContentLinks;
import io.piaf.unlocks.internal.domain.ItemRules;
import io.piaf.unlocks.internal.domain.PostTemplate;
import io.piaf.unlocks.internal.domain.Refusal;
import io.piaf.unlocks.internal.domain.UnlockLimits;
import reactor.core.publisher.Mono;

/**
 * Creates items and unlocks them. An unlock is one transaction: lock the user's unlocks, ask the domain, publish the
 * post through messaging (its rows and its PostPublished join this transaction), write the unlock and its event. So
 * a post is never left without its unlock nor an unlock without its post, and the answer can carry the content link.
 */
@Service
class UnlockService {

    record NewItem(UserId creator, String title, String teaser, String contentText, String contentUrl, String fileId,
            String postTemplate, List<String> requiredText, Integer maxLength, Long price) {
    }

    record Granted(UnlockRow unlock, ContentLinks.Link link) {
    }

    private final UnlockStore store;
    private final FileStore files;
    private final Identity identity;
    private final Messaging messaging;
    private final Outbox outbox;
    private final ContentLinks links;
    private final UnlockLimits limits;
    private final UnlocksProperties properties;
    private final TransactionalOperator transactional;

    UnlockService(UnlockStore store, FileStore files, Identity identity, Messaging messaging, Outbox outbox, ContentLinks links, UnlockLimits limits,
            UnlocksProperties properties, ReactiveTransactionManager transactions) {
        this.store = store;
        this.files = files;
        this.identity = identity;
        this.messaging = messaging;
        this.outbox = outbox;
        this.links = links;
        this.limits = limits;
        this.properties = properties;
        this.transactional = TransactionalOperator.create(transactions);
    }

    Mono<UnlockableRow> create(NewItem request) {
        return Mono.defer(() -> {
            var fileId = fileId(request.fileId());
            ItemRules.creation(request.title(), request.teaser(), request.contentText(), request.contentUrl(), fileId != null).ifPresent(r -> {
                throw problem(r);
            });
            var id = UnlockableId.random();
            var template = switch (PostTemplate.of(request.postTemplate(), request.requiredText(), request.maxLength(), link(id))) {
                case PostTemplate.Accepted<PostTemplate> a -> a.value();
                case PostTemplate.Refused<PostTemplate> r -> throw problem(r.refusal());
            };
            var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return caller(request.creator()).flatMap(creator -> {
                var file = fileId == null ? Mono.<Optional<FileRow>>just(Optional.empty())
                        : files.claim(fileId, creator.id()).map(Optional::of).switchIfEmpty(Mono.error(UnlockService::invalidFile));
                return transactional.transactional(file.flatMap(claimed -> {
                    var item = new UnlockableRow(id, creator.id(), creator.handle(), request.title().strip(), request.teaser().strip(),
                            blankToNull(request.contentText()), blankToNull(request.contentUrl()), claimed.orElse(null), template, now,
                            request.price());
                    return store.insert(item)
                            .then(outbox.append(new UnlockableCreated(id, creator.id(), item.title(), now))).thenReturn(item);
                }));
            });
        });
    }

    String link(UnlockableId id) {
        var base = properties.linkBase().endsWith("/") ? properties.linkBase().substring(0, properties.linkBase().length() - 1)
                : properties.linkBase();
        return base + "/unlock/" + id;
    }

    Mono<Granted> unlock(UserId user, UnlockableId id, String text, String viaInput) {
        return find(id).flatMap(item -> {
            if (item.creator().equals(user)) {
                return Mono.error(ProblemException.unprocessable("own_unlockable", "This is your own item: you already have its content."));
            }
            var post = switch (item.template().check(text)) {
                case PostTemplate.Accepted<String> a -> a.value();
                case PostTemplate.Refused<String> r -> throw problem(r.refusal());
            };
            var via = via(viaInput);
            return caller(user).flatMap(unlocker -> {
                var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                var write = store.lockUser(user)
                        .then(store.active(id, user).flatMap(existing -> Mono.<UnlockStore.Recent>error(
                                ProblemException.conflict("already_unlocked", "You unlocked this item already."))))
                        .then(store.recent(user, now.minus(Duration.ofHours(1))))
                        .flatMap(recent -> {
                            limits.check(new UnlockLimits.Attempt(unlocker.createdAt(), recent.count(), recent.oldest()), now)
                                    .ifPresent(r -> {
                                        throw problem(r);
                                    });
                            return via == null ? Mono.just(new Via(null, null, null)) : source(id, user, via);
                        })
                        .flatMap(source -> messaging.publishPost(user, post).flatMap(published -> {
                            var unlock = new UnlockRow(UUID.randomUUID(), id, user, unlocker.handle(), published.id(), published.audience(),
                                    source.post(), source.user(), source.handle(), published.publishedAt(), null, UnlockRow.POST, null, null);
                            return store.insert(unlock)
                                    .then(outbox.append(new UnlockGranted(id, item.creator(), user, published.id(), published.audience(),
                                            source.user(), published.publishedAt())))
                                    .thenReturn(unlock);
                        }));
                return transactional.transactional(write)
                        .map(unlock -> new Granted(unlock, links.sign(id.value(), user.value(), Instant.now())));
            });
        });
    }

    private record Via(PostId post, UserId user, String handle) {
    }

    /** The unlock post the user came from: an active unlock of the same item, by someone else. */
    private Mono<Via> source(UnlockableId item, UserId user, PostId via) {
        return store.byPost(via)
                .filter(u -> u.unlockable().equals(item) && u.revokedAt() == null && !u.user().equals(user) && !u.paid())
                .map(u -> new Via(u.post(), u.user(), u.userHandle()))
                .switchIfEmpty(Mono.error(() -> ProblemException.unprocessable("invalid_via",
                        "via names no unlock post of this item (by someone else, still published).")));
    }

    private static UUID fileId(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(input.strip());
        } catch (IllegalArgumentException e) {
            throw invalidFile();
        }
    }

    static ProblemException invalidFile() {
        return ProblemException.unprocessable("invalid_file", "fileId names none of your uploads that no item uses yet.");
    }

    private static PostId via(String input) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            return new PostId(UUID.fromString(input.strip()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("invalid_via", "via is the id of the unlock post you came from.");
        }
    }

    /** The item a signed content link opens: signature, expiry, then whether its unlock still holds. */
    Mono<UnlockableRow> open(UnlockableId item, String u, String expires, String sig) {
        return Mono.defer(() -> {
            return switch (links.verify(item.value(), u, expires, sig, Instant.now())) {
                case ContentLinks.Forged f -> Mono.error(ProblemException.forbidden("invalid_signature", "This content link is not valid."));
                case ContentLinks.Expired e -> Mono.error(new ProblemException(410, "link_expired",
                        "This content link expired at " + e.at() + "; open the item again for a fresh one."));
                case ContentLinks.Valid v -> find(item).flatMap(row -> {
                    var holder = new UserId(v.user());
                    var allowed = row.creator().equals(holder) ? Mono.just(true) : store.active(item, holder).hasElement();
                    return allowed.flatMap(ok -> ok ? Mono.just(row) : Mono.error(new ProblemException(410, "unlock_revoked",
                            "The unlock was revoked: its post was deleted.")));
                });
            };
        });
    }

    Mono<UnlockableRow> find(UnlockableId id) {
        return store.find(id).switchIfEmpty(Mono.error(UnlockService::notFound));
    }

    private Mono<io.piaf.identity.UserSummary> caller(UserId user) {
        return identity.find(user)
                .switchIfEmpty(Mono.error(() -> new ProblemException(401, "unauthenticated", "The token's user no longer exists.")));
    }

    static ProblemException notFound() {
        return ProblemException.notFound("unlockable_not_found", "No such unlockable item.");
    }

    static ProblemException problem(Refusal r) {
        return new ProblemException(r.status(), r.code(), r.detail(), r.properties());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
