package io.piaf.cards;

/** Where a card was used: the name the network sent, its category code (ISO 18245) and its country (ISO 3166). */
public record Merchant(String name, String mcc, String country) {
}
