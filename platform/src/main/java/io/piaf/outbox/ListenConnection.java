package io.piaf.outbox;

import java.time.Instant;

/**
 * The state of one LISTEN connection (PostgreSQL notifications on a connection of its own), for health checks: the
 * outbox relay has one, and so may any module that listens. Thread-safe; cheap to update.
 */
public final class ListenConnection {

    public record State(boolean connected, Instant since, String lastError) {
    }

    private volatile State state = new State(false, Instant.now(), "not connected yet");

    public void connected() {
        state = new State(true, Instant.now(), null);
    }

    public void lost(Throwable error) {
        state = new State(false, Instant.now(), error.toString());
    }

    public State state() {
        return state;
    }
}
