package io.piaf.platform.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class MicroBatcherTests {

    /** Records what ran how; the first lone command waits for {@link #release} so that others queue behind it. */
    static class Runs {
        final List<List<Integer>> together = new CopyOnWriteArrayList<>();
        final List<Integer> alone = new CopyOnWriteArrayList<>();
        final Sinks.Empty<Void> release = Sinks.empty();
        volatile boolean holdFirst = true;

        Mono<List<String>> together(List<Integer> commands) {
            together.add(commands);
            if (commands.contains(13)) {
                return Mono.error(new IllegalStateException("13 breaks its batch"));
            }
            return Mono.just(commands.stream().map(c -> "done " + c).toList());
        }

        Mono<String> alone(Integer command) {
            alone.add(command);
            if (command == 13) {
                return Mono.error(new IllegalStateException("13 fails"));
            }
            var result = Mono.just("done " + command);
            if (holdFirst) {
                holdFirst = false;
                return release.asMono().then(result);
            }
            return result;
        }
    }

    @Test
    void a_lone_command_runs_at_once_and_those_arriving_meanwhile_commit_together() {
        var runs = new Runs();
        var batcher = new MicroBatcher<Integer, String>(1, 64, c -> c, runs::together, runs::alone);

        var first = batcher.submit(1).toFuture();
        var others = List.of(2, 3, 4).stream().map(c -> batcher.submit(c).toFuture()).toList();
        assertThat(runs.alone).containsExactly(1);
        assertThat(runs.together).isEmpty();

        runs.release.tryEmitEmpty();

        assertThat(first.join()).isEqualTo("done 1");
        assertThat(others.stream().map(f -> f.join()).toList()).containsExactly("done 2", "done 3", "done 4");
        assertThat(runs.together).containsExactly(List.of(2, 3, 4));
    }

    @Test
    void a_batch_never_exceeds_its_size() {
        var runs = new Runs();
        var batcher = new MicroBatcher<Integer, String>(1, 2, c -> c, runs::together, runs::alone);

        var first = batcher.submit(1).toFuture();
        var others = List.of(2, 3, 4, 5, 6).stream().map(c -> batcher.submit(c).toFuture()).toList();
        runs.release.tryEmitEmpty();

        others.forEach(f -> f.join());
        assertThat(first.join()).isEqualTo("done 1");
        assertThat(runs.together).containsExactly(List.of(2, 3), List.of(4, 5));
        assertThat(runs.alone).containsExactly(1, 6);
    }

    @Test
    void a_failed_batch_runs_its_commands_alone_and_only_the_bad_one_fails() {
        var runs = new Runs();
        var batcher = new MicroBatcher<Integer, String>(1, 64, c -> c, runs::together, runs::alone);

        var first = batcher.submit(1).toFuture();
        var good = batcher.submit(12).toFuture();
        var bad = batcher.submit(13).toFuture();
        var alsoGood = batcher.submit(14).toFuture();
        runs.release.tryEmitEmpty();

        assertThat(first.join()).isEqualTo("done 1");
        assertThat(good.join()).isEqualTo("done 12");
        assertThat(alsoGood.join()).isEqualTo("done 14");
        assertThatThrownBy(bad::join).hasRootCauseMessage("13 fails");
        assertThat(runs.together).containsExactly(List.of(12, 13, 14));
        assertThat(runs.alone).containsExactly(1, 12, 13, 14);
    }

    @Test
    void commands_with_the_same_key_never_share_a_batch() {
        var runs = new Runs();
        var batcher = new MicroBatcher<Integer, String>(1, 64, c -> c % 10, runs::together, runs::alone);

        var first = batcher.submit(1).toFuture();
        var others = List.of(2, 12, 3, 23).stream().map(c -> batcher.submit(c).toFuture()).toList();
        runs.release.tryEmitEmpty();

        assertThat(others.stream().map(f -> f.join()).toList()).containsExactly("done 2", "done 12", "done 3", "done 23");
        assertThat(first.join()).isEqualTo("done 1");
        assertThat(runs.together).containsExactly(List.of(2, 3), List.of(12, 23));
    }

    @Test
    void lanes_run_side_by_side_and_a_key_keeps_to_its_lane() {
        var runs = new Runs();
        var batcher = new MicroBatcher<Integer, String>(2, 64, c -> c % 2, runs::together, runs::alone);

        var held = batcher.submit(2).toFuture(); // lane 0, held until released
        var otherLane = batcher.submit(1).toFuture();
        var sameLane = batcher.submit(4).toFuture();

        assertThat(otherLane.join()).as("lane 1 does not wait for lane 0").isEqualTo("done 1");
        assertThat(sameLane).isNotDone();
        runs.release.tryEmitEmpty();
        assertThat(held.join()).isEqualTo("done 2");
        assertThat(sameLane.join()).isEqualTo("done 4");
    }

    @Test
    void an_empty_result_completes_the_caller_instead_of_leaving_it_waiting() {
        var batcher = new MicroBatcher<Integer, String>(1, 64, c -> c, commands -> Mono.error(new IllegalStateException()), command -> Mono.empty());

        assertThat(batcher.submit(1).block(Duration.ofSeconds(5))).isNull();
    }
}
