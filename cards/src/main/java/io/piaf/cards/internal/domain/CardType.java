package io.piaf.cards.internal.domain;

/** A virtual card stays until cancelled; a single-use card closes after its first approved purchase. */
public enum CardType {
    VIRTUAL, SINGLE_USE
}
