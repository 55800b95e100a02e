package io.piaf.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.piaf.outbox.internal.OutboxStore.WakeUp;

/** What one instance's commit tells the others' relays through NOTIFY. */
class WakeUpTests {

    private final String instance = UUID.randomUUID().toString();

    @Test
    void a_commit_names_its_listeners_once_each_so_the_other_relays_go_to_them_only() {
        var payload = WakeUp.payload(instance, new String[] { "notifications.onPaid", "kafka.payments", "notifications.onPaid" });

        var wakeUp = WakeUp.parse(payload);

        assertThat(wakeUp.instanceId()).isEqualTo(instance);
        assertThat(wakeUp.fullLook()).isFalse();
        assertThat(wakeUp.listeners()).containsExactlyInAnyOrder("notifications.onPaid", "kafka.payments");
    }

    @Test
    void too_many_listeners_for_a_notify_ask_for_a_full_look_instead() {
        var many = Collections.nCopies(400, "x").stream().map(x -> "module.listener" + UUID.randomUUID()).toArray(String[]::new);

        var payload = WakeUp.payload(instance, many);

        assertThat(payload.length()).isLessThan(8_000);
        assertThat(WakeUp.parse(payload)).isEqualTo(new WakeUp(instance, Set.of()));
        assertThat(WakeUp.parse(payload).fullLook()).isTrue();
    }

    @Test
    void an_older_instance_that_sends_its_id_alone_asks_for_a_full_look() {
        assertThat(WakeUp.parse(instance)).isEqualTo(new WakeUp(instance, Set.of()));
    }
}
