package io.piaf.identity;

/** Who may see a payment receipt; ordered from the most open to the most private. */
public enum PaymentVisibility {
    PUBLIC, FOLLOWERS, PRIVATE;

    /** The most private of the two: a receipt is never more visible than any party wants. */
    public PaymentVisibility mostPrivate(PaymentVisibility other) {
        return other == null || this.ordinal() >= other.ordinal() ? this : other;
    }
}
