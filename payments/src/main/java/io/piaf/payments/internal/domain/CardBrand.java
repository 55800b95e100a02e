package io.piaf.payments.internal.domain;

/** Card networks Piaf recognises from a number's first digits. */
public enum CardBrand {
    VISA, MASTERCARD, AMEX, UNKNOWN;

    static CardBrand of(String digits) {
        if (digits.startsWith("4")) {
            return VISA;
        }
        if (digits.startsWith("34") || digits.startsWith("37")) {
            return AMEX;
        }
        var two = Integer.parseInt(digits.substring(0, 2));
        var four = Integer.parseInt(digits.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return MASTERCARD;
        }
        return UNKNOWN;
    }

    public String apiName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
