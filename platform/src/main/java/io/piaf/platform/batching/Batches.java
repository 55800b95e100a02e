package io.piaf.platform.batching;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The rule every batch of Piaf follows when it fails. */
public final class Batches {

    private static final Logger log = LoggerFactory.getLogger(Batches.class);

    private Batches() {
    }

    /**
     * Runs {@code together} (a batch in one transaction); when it fails, the transaction has rolled back as a whole and
     * each item it attempted runs again {@code alone}, in order, each in its own transaction, so that one bad item fails
     * only itself. {@code attempted} is read after the failure: a batch may learn its items only once it has started
     * (the outbox relay claims its deliveries inside the transaction). With nothing attempted, the failure stands.
     */
    public static <C, R> Mono<List<R>> togetherElseOneByOne(Mono<List<R>> together, Supplier<List<C>> attempted,
            Function<C, Mono<R>> alone) {
        return together.onErrorResume(error -> {
            var items = attempted.get();
            if (items.isEmpty()) {
                return Mono.error(error);
            }
            log.debug("A batch of {} failed ({}); running its items one by one", items.size(), error.toString());
            return Flux.fromIterable(items).concatMap(alone).collectList();
        });
    }
}
