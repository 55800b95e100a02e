package io.piaf.commerce.internal.domain;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a checkout session: what a merchant may ask for, when a buyer may pay, how much may be refunded. Each
 * refusal is a {@link Refusal} with a stable code; amounts are integer cents.
 */
public final class Checkouts {

    public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);
    public static final Duration MIN_EXPIRY = Duration.ofMinutes(1);
    public static final Duration MAX_EXPIRY = Duration.ofDays(7);
    static final int MAX_ITEMS = 100;
    static final int MAX_QUANTITY = 10_000;

    public enum Status { OPEN, COMPLETE, EXPIRED }

    /** A line of the basket as the merchant sent it: {@code unitAmount} is a decimal string in euros. */
    public record ItemRequest(String name, Object quantity, Object unitAmount) {
    }

    public record Item(String name, int quantity, long unitAmount) {
    }

    public record Refusal(int status, String code, String detail) {
    }

    /** A valid basket and its total, or the first refusal. */
    public record Basket(List<Item> items, long total, Refusal refusal) {
    }

    private Checkouts() {
    }

    public static Basket basket(List<ItemRequest> requested, long maxAmount) {
        if (requested == null || requested.isEmpty() || requested.size() > MAX_ITEMS) {
            return refused("invalid_line_items", "A session has 1 to " + MAX_ITEMS + " line items.");
        }
        var items = new ArrayList<Item>();
        long total = 0;
        for (var item : requested) {
            if (item == null || item.name() == null || item.name().isBlank() || item.name().length() > 200) {
                return refused("invalid_line_items", "Each line item has a name of 1 to 200 characters.");
            }
            if (!(item.quantity() instanceof Integer quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
                return refused("invalid_line_items", "Each line item has a whole quantity from 1 to " + MAX_QUANTITY + ".");
            }
            var unit = cents(item.unitAmount());
            if (unit <= 0) {
                return refused("invalid_amount", "A unit amount is a positive decimal string in euros, e.g. \"12.50\".");
            }
            total += unit * quantity; // at most 100 × 10,000 × maxAmount: checked against the cap below
            if (total > maxAmount) {
                return new Basket(List.of(), 0, new Refusal(422, "amount_too_large",
                        "A checkout is at most " + decimal(maxAmount) + " EUR."));
            }
            items.add(new Item(item.name().strip(), quantity, unit));
        }
        return new Basket(List.copyOf(items), total, null);
    }

    /**
     * Cents from a JSON amount: a string (or number) with at most two decimals, at most 9 digits before the point; -1
     * when it is not one.
     */
    public static long cents(Object amount) {
        if (!(amount instanceof String) && !(amount instanceof Number)) {
            return -1;
        }
        var text = amount.toString().strip();
        if (!text.matches("[0-9]{1,9}(\\.[0-9]{1,2})?")) {
            return -1;
        }
        return new BigDecimal(text).movePointRight(2).longValueExact();
    }

    public static String decimal(long cents) {
        return new BigDecimal(cents).movePointLeft(2).setScale(2).toPlainString();
    }

    /** The session's lifetime from {@code expiresInSeconds} (null: 24 h), or null when out of bounds. */
    public static Duration expiry(Object expiresInSeconds) {
        if (expiresInSeconds == null) {
            return DEFAULT_EXPIRY;
        }
        if (!(expiresInSeconds instanceof Integer seconds)) {
            return null;
        }
        var expiry = Duration.ofSeconds(seconds);
        return expiry.compareTo(MIN_EXPIRY) < 0 || expiry.compareTo(MAX_EXPIRY) > 0 ? null : expiry;
    }

    /** A return URL is absolute http(s) without credentials: the buyer's browser goes there after paying. */
    public static boolean isReturnUrl(String url) {
        if (url == null || url.length() > 2000) {
            return false;
        }
        try {
            var uri = new URI(url);
            return uri.getScheme() != null && (uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    && uri.getHost() != null && uri.getUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The status a reader sees: an open session past its expiry is expired even before the sweeper writes it. */
    public static Status effective(Status stored, Instant expiresAt, Instant now) {
        return stored == Status.OPEN && !now.isBefore(expiresAt) ? Status.EXPIRED : stored;
    }

    /** Why a session cannot be paid now, or null when it can. */
    public static Refusal payable(Status stored, Instant expiresAt, Instant now) {
        return switch (effective(stored, expiresAt, now)) {
            case OPEN -> null;
            case COMPLETE -> new Refusal(409, "session_not_open", "This checkout is already paid.");
            case EXPIRED -> new Refusal(409, "session_expired", "This checkout expired; ask the merchant for a new one.");
        };
    }

    /**
     * How much to refund: {@code requested} (null: everything not refunded yet), never more than the captured amount
     * in total; a refusal otherwise.
     */
    public static Object refund(Status stored, long captured, long refunded, Long requested) {
        if (stored != Status.COMPLETE) {
            return new Refusal(409, "session_not_paid", "Only a paid checkout can be refunded.");
        }
        var remaining = captured - refunded;
        var amount = requested == null ? remaining : requested;
        if (amount <= 0 && requested != null) {
            return new Refusal(400, "invalid_amount", "A refund is a positive amount.");
        }
        if (remaining <= 0) {
            return new Refusal(422, "refund_exceeds_captured", "This checkout is fully refunded.");
        }
        if (amount > remaining) {
            return new Refusal(422, "refund_exceeds_captured",
                    "At most " + decimal(remaining) + " EUR of this checkout can still be refunded.");
        }
        return amount;
    }

    private static Basket refused(String code, String detail) {
        return new Basket(List.of(), 0, new Refusal(400, code, detail));
    }
}
