package io.piaf.outbox.internal;

/** A listener's id starts with its module's name ({@code notifications.PaymentCompleted}): the relay drains by module. */
final class ListenerIds {

    private ListenerIds() {
    }

    static String moduleOf(String listenerId) {
        var dot = listenerId.indexOf('.');
        return dot < 0 ? listenerId : listenerId.substring(0, dot);
    }
}
