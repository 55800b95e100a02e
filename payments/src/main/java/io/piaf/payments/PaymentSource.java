package io.piaf.payments;

/** Where a payment was asked for: the HTTP API, a post ({@code #envoyer 20€ @bob}) or a direct message. */
public enum PaymentSource {
    API, POST, DM
}
