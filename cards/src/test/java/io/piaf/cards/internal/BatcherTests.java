package io.piaf.cards.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class BatcherTests {

    record Item(String name, String card, String wallet) {
    }

    /** A statement that answers when the test says so, and remembers the batches it was given. */
    static final class Statements {
        final List<List<Item>> batches = new ArrayList<>();
        final List<Sinks.One<List<String>>> answers = new ArrayList<>();

        synchronized Mono<List<String>> run(List<Item> batch) {
            batches.add(batch);
            var answer = Sinks.<List<String>>one();
            answers.add(answer);
            return answer.asMono();
        }

        void answer(int batch) {
            answers.get(batch).tryEmitValue(batches.get(batch).stream().map(i -> i.name() + " done").toList());
        }
    }

    final Statements statements = new Statements();
    final Batcher<Item, String> batcher = new Batcher<>(statements::run, i -> List.of(i.card(), i.wallet()), 3, 1);

    @Test
    void a_lone_item_goes_at_once_and_those_arriving_meanwhile_go_together_next() {
        var first = batcher.submit(new Item("a", "card-1", "wallet-1")).toFuture();
        var later = List.of("b", "c").stream()
                .map(n -> batcher.submit(new Item(n, "card-" + n, "wallet-" + n)).toFuture()).toList();

        assertThat(statements.batches).extracting(b -> b.size()).containsExactly(1);
        statements.answer(0);
        assertThat(first).isCompletedWithValue("a done");
        assertThat(statements.batches).hasSize(2);
        assertThat(statements.batches.get(1)).extracting(Item::name).containsExactly("b", "c");
        statements.answer(1);
        assertThat(later).extracting(f -> f.join()).containsExactly("b done", "c done");
    }

    @Test
    void items_sharing_a_card_or_a_wallet_never_go_in_one_batch_and_a_batch_holds_at_most_its_size() {
        batcher.submit(new Item("busy", "card-0", "wallet-0")).subscribe();
        List.of(new Item("a", "card-1", "wallet-1"), new Item("b", "card-1", "wallet-2"), new Item("c", "card-3", "wallet-1"),
                        new Item("d", "card-4", "wallet-4"), new Item("e", "card-5", "wallet-5"), new Item("f", "card-6", "wallet-6"))
                .forEach(i -> batcher.submit(i).subscribe());

        statements.answer(0);
        assertThat(statements.batches.get(1)).extracting(Item::name).containsExactly("a", "d", "e");
        statements.answer(1);
        assertThat(statements.batches.get(2)).extracting(Item::name).containsExactly("b", "c", "f");
        statements.answer(2);
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void a_failed_batch_fails_each_of_its_items_and_the_next_batch_still_goes() {
        var failing = new Batcher<Item, String>(batch -> batch.getFirst().name().equals("bad")
                ? Mono.error(new IllegalStateException("statement failed"))
                : Mono.just(batch.stream().map(Item::name).toList()), i -> List.of(i.card()), 3, 1);

        var bad = failing.submit(new Item("bad", "card-1", "wallet-1"));
        var good = failing.submit(new Item("good", "card-2", "wallet-2"));

        assertThat(bad.onErrorResume(e -> Mono.just(e.getMessage())).block(Duration.ofSeconds(5))).isEqualTo("statement failed");
        assertThat(good.block(Duration.ofSeconds(5))).isEqualTo("good");
    }
}
