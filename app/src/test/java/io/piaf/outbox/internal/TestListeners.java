package io.piaf.outbox.internal;

import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;

import io.piaf.outbox.EventContext;
import io.piaf.outbox.OutboxListener;
import reactor.core.publisher.Mono;

/**
 * Listeners for the outbox scenarios. Each writes its effect to {@code outbox_test.effect} inside the delivery's
 * transaction, so a test can count effects in the database, the way a real module's listener would apply them.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestListeners {

    /** An event whose text tells a listener how to behave: "fail:N" fails the first N attempts of the recorder. */
    @io.piaf.common.EventVersion(1)
    record Pinged(UUID id, String text) {
    }

    record Call(String listener, UUID eventId, int attempt, String instance) {
    }

    static final String SCHEMA = """
            create schema if not exists outbox_test;
            create table if not exists outbox_test.effect (event_id uuid not null, listener text not null, instance text);
            """;

    @Bean
    Recorder recorder(DatabaseClient db, org.springframework.core.env.Environment env) {
        return new Recorder(db, env.getProperty("test.instance", "main"));
    }

    static class Recorder {

        final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        private final DatabaseClient db;
        private final String instance;

        Recorder(DatabaseClient db, String instance) {
            this.db = db;
            this.instance = instance;
        }

        @OutboxListener(id = "outbox.test.recorder")
        Mono<Void> on(Pinged event, EventContext context) {
            calls.add(new Call("recorder", event.id(), context.attempt(), instance));
            var effect = effect(event, "recorder");
            if (event.text().startsWith("fail:") && context.attempt() <= Integer.parseInt(event.text().substring(5))) {
                // The effect is written, then the listener fails: the rollback must take the effect back.
                return effect.then(Mono.error(new IllegalStateException("injected failure, attempt " + context.attempt())));
            }
            return effect;
        }

        @OutboxListener(id = "outbox.test.bystander")
        Mono<Void> bystander(Pinged event) {
            calls.add(new Call("bystander", event.id(), 0, instance));
            return effect(event, "bystander");
        }

        private Mono<Void> effect(Pinged event, String listener) {
            return db.sql("insert into outbox_test.effect (event_id, listener, instance) values ($1, $2, $3)")
                    .bind(0, event.id()).bind(1, listener).bind(2, instance).then();
        }

        long callsTo(String listener, UUID eventId) {
            return calls.stream().filter(c -> c.listener().equals(listener) && c.eventId().equals(eventId)).count();
        }
    }
}
