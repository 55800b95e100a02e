package io.piaf.cards.internal.domain;

import java.util.regex.Pattern;

/** An amount as the network sends it: a decimal string with at most two decimals, read into cents. */
public final class NetworkAmount {

    private static final Pattern FORMAT = Pattern.compile("-?[0-9]{1,12}(\\.[0-9]{1,2})?");

    private NetworkAmount() {
    }

    /** Cents, or null when the text is no amount. Negative and zero amounts parse: the rules decline them. */
    public static Long cents(Object text) {
        if (!(text instanceof String s) || !FORMAT.matcher(s).matches()) {
            return null;
        }
        return new java.math.BigDecimal(s).movePointRight(2).longValueExact();
    }
}
