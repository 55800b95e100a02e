package io.piaf.platform.background;

import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * A subscription that runs while the application runs: subscribed when the context starts, disposed when it stops.
 * The work is expected to handle its own failures and go on (a sweep that fails waits for the next tick); one that
 * still escapes is logged, and the work stays stopped until the next start.
 */
public abstract class BackgroundWork implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private volatile Disposable running;

    /** The work, subscribed once at start; an empty publisher when this instance has nothing to run. */
    protected abstract Publisher<?> work();

    @Override
    public void start() {
        running = Flux.from(work()).subscribe(null, error -> log.error("{} stopped: {}", getClass().getSimpleName(), error.toString(), error));
    }

    @Override
    public void stop() {
        var current = running;
        if (current != null) {
            current.dispose();
            running = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running != null;
    }
}
