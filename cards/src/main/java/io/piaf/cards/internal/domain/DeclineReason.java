package io.piaf.cards.internal.domain;

/** Why an authorization was declined: the network's reason code and the words the cardholder is shown. */
public enum DeclineReason {
    INSUFFICIENT_FUNDS("insufficient_funds", "Not enough money available in your wallet."),
    CARD_FROZEN("card_frozen", "The card is frozen. Unfreeze it to pay with it."),
    CARD_CANCELLED("card_cancelled", "The card is cancelled."),
    LIMIT_EXCEEDED("limit_exceeded", "The purchase is over the card's spending limit."),
    MCC_BLOCKED("mcc_blocked", "You blocked this kind of shop on the card."),
    CHANNEL_BLOCKED("channel_blocked", "You turned this way of paying off on the card."),
    COUNTRY_BLOCKED("country_blocked", "You blocked purchases in this country on the card."),
    INCORRECT_CVC("incorrect_cvc", "The security code did not match."),
    INCORRECT_EXPIRY("incorrect_expiry", "The expiry date did not match."),
    EXPIRED_CARD("expired_card", "The card has expired."),
    UNKNOWN_CARD("unknown_card", "The card number is unknown."),
    INVALID_AMOUNT("invalid_amount", "The amount is out of range."),
    UNSUPPORTED_CURRENCY("unsupported_currency", "The card pays in euros only.");

    private final String code;
    private final String words;

    DeclineReason(String code, String words) {
        this.code = code;
        this.words = words;
    }

    public String code() {
        return code;
    }

    /** The reason in plain words, for a notification. */
    public String words() {
        return words;
    }
}
