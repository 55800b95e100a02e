package io.piaf.common;

/**
 * Formats of values the public API reads and writes, as patterns (ECMA-262, as JSON Schema reads them) and lengths
 * for the OpenAPI description ({@code @Schema(pattern = ApiFormats.HANDLE, maxLength = ApiFormats.HANDLE_MAX)}), so
 * that every module describes a handle or an amount the same way. What the server accepts is decided by the code
 * that parses the value (e.g. {@code Handle}, {@code Amounts}); these say it to clients.
 */
public final class ApiFormats {

    private ApiFormats() {
    }

    /** A handle as Piaf writes it: lower case, no {@code @}. */
    public static final String HANDLE = "^[a-z0-9_]{3,20}$";
    public static final int HANDLE_MAX = 20;

    /**
     * A payment's payee as Piaf writes it: a handle, or the label of another module's account the payment lands in
     * (a money pot's {@code pot/<slug>}, a campaign's {@code campagne/<slug>}; see payments' {@code PaymentOrder}).
     */
    public static final String PAYEE = "^([a-z0-9_]{3,20}|(pot|campagne)/[a-z0-9][a-z0-9-]{1,38}[a-z0-9])$";
    public static final int PAYEE_MAX = 49;

    /** A handle as a client may write it: any case, with or without one leading {@code @}. */
    public static final String HANDLE_INPUT = "^@?[A-Za-z0-9_]{3,20}$";
    public static final int HANDLE_INPUT_MAX = 21;

    /** Money as Piaf writes it: a decimal string with exactly two decimals, signed for a debit. */
    public static final String AMOUNT = "^-?[0-9]+\\.[0-9]{2}$";
    public static final int AMOUNT_MAX = 21;

    /** Money as a client may write it: more than zero, at most two decimals, no sign, exponent or separator. */
    public static final String AMOUNT_INPUT = "^(0|[1-9][0-9]{0,8})(\\.[0-9]{1,2})?$";
    public static final int AMOUNT_INPUT_MAX = 12;

    /** A text people write (a post, a message, a note, a name): anything but control characters, except line breaks and tabs. */
    public static final String TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$";

    /** One line of text: no control characters at all. */
    public static final String LINE = "^[^\\u0000-\\u001f\\u007f]*$";

    /** An opaque cursor Piaf gave out with a page ({@code nextCursor}). */
    public static final String CURSOR = "^[A-Za-z0-9_-]+$";
    public static final int CURSOR_MAX = 200;

    /** A page holds at most this many items ({@code limit} is 1 to 100). */
    public static final int PAGE_MAX = 100;

    /** A PIN: 4 to 6 digits. */
    public static final String PIN = "^[0-9]{4,6}$";
}
