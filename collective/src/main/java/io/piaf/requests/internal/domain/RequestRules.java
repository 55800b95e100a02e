package io.piaf.requests.internal.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a request may be: who is asked (1 to {@link #MAX_PAYERS} distinct others), for how much (the same amount each,
 * or a split of a total evenly or by amounts), and what a payer or the requester may then do with an item.
 */
public final class RequestRules {

    public static final int MAX_PAYERS = 20;
    public static final int MAX_NOTE = 280;
    private static final Pattern HANDLE = Pattern.compile("[a-z0-9_]{3,20}");

    /** Why something is refused: a stable code, the HTTP status it maps to, a sentence. */
    public record Refusal(int status, String code, String detail) {
    }

    /** One payer's part: their handle (normalised, without '@') and what they owe, in cents. */
    public record Share(String handle, long amount) {
    }

    /** What was asked: {@code each} for every payer, or {@code total} split (by {@code amounts} when given, else evenly). */
    public record Ask(String requesterHandle, List<String> from, Long each, Long total, List<Long> amounts, String note) {
    }

    public sealed interface Plan {
        record Shares(List<Share> shares) implements Plan {
        }

        record Refused(Refusal refusal) implements Plan {
        }
    }

    public enum Status {
        PENDING, PAID, DECLINED
    }

    /** An item as the rules see it: its status and whether a payment for it waits for the payer's PIN. */
    public record Item(Status status, boolean paymentPending) {
    }

    private RequestRules() {
    }

    public static Plan plan(Ask ask) {
        if (ask.from() == null || ask.from().isEmpty()) {
            return refused(400, "invalid_body", "Name who you ask: \"from\": [\"@bob\"].");
        }
        if (ask.from().size() > MAX_PAYERS) {
            return refused(400, "too_many_payers", "A request names at most " + MAX_PAYERS + " people.");
        }
        if (ask.note() != null && ask.note().length() > MAX_NOTE) {
            return refused(400, "invalid_note", "A note is at most " + MAX_NOTE + " characters.");
        }
        var handles = new ArrayList<String>();
        var seen = new HashSet<String>();
        for (var raw : ask.from()) {
            var handle = normalise(raw);
            if (handle == null) {
                return refused(400, "invalid_handle", "A payer is a handle: 3 to 20 letters, digits or underscores, e.g. @bob.");
            }
            if (handle.equals(normalise(ask.requesterHandle()))) {
                return refused(422, "self_request", "You cannot ask yourself for money.");
            }
            if (!seen.add(handle)) {
                return refused(422, "duplicate_payer", "@" + handle + " is named twice; name each person once.");
            }
            handles.add(handle);
        }
        if ((ask.each() == null) == (ask.total() == null)) {
            return refused(400, "invalid_body", "Give either \"amount\" (asked of each) or \"split\": {\"total\"}.");
        }
        List<Long> amounts;
        if (ask.each() != null) {
            amounts = handles.stream().map(h -> ask.each()).toList();
        } else if (ask.amounts() == null || ask.amounts().isEmpty()) {
            if (ask.total() < handles.size()) {
                return refused(422, "split_mismatch", "A split gives everyone at least 0.01 EUR.");
            }
            amounts = evenly(ask.total(), handles.size());
        } else {
            if (ask.amounts().size() != handles.size() || ask.amounts().stream().mapToLong(Long::longValue).sum() != ask.total()) {
                return refused(422, "split_mismatch", "A split's amounts are one per person, in order, and add up to its total.");
            }
            amounts = ask.amounts();
        }
        var shares = new ArrayList<Share>();
        for (int i = 0; i < handles.size(); i++) {
            var amount = amounts.get(i);
            if (amount <= 0 || amount > RequestAmounts.MAX) {
                return refused(400, "invalid_amount", "Each person is asked for 0.01 to " + RequestAmounts.format(RequestAmounts.MAX) + " EUR.");
            }
            shares.add(new Share(handles.get(i), amount));
        }
        return new Plan.Shares(List.copyOf(shares));
    }

    /** {@code total} in {@code n} parts that differ by at most a cent; the first named pay the remainder cents. */
    public static List<Long> evenly(long total, int n) {
        var base = total / n;
        var remainder = total % n;
        var parts = new ArrayList<Long>(n);
        for (int i = 0; i < n; i++) {
            parts.add(base + (i < remainder ? 1 : 0));
        }
        return parts;
    }

    /** Paying: a pending item; while a payment for it waits for the PIN, that payment is answered again. */
    public static Optional<Refusal> pay(Item item) {
        return switch (item.status()) {
            case PENDING -> Optional.empty();
            case PAID -> refuse(409, "request_paid", "You already paid this request.");
            case DECLINED -> refuse(409, "request_declined", "You declined this request.");
        };
    }

    /** Declining: a pending item with no payment waiting for the PIN (cancel that payment first); declining again is a no-op. */
    public static Optional<Refusal> decline(Item item) {
        return switch (item.status()) {
            case PENDING -> item.paymentPending()
                    ? refuse(409, "payment_pending", "A payment of this request waits for your PIN; cancel it first.")
                    : Optional.empty();
            case PAID -> refuse(409, "request_paid", "You already paid this request.");
            case DECLINED -> Optional.empty();
        };
    }

    /** A reminder goes to a pending item not reminded within {@code interval} (the request itself is the first notice). */
    public static boolean remindable(Item item, Instant lastReminded, Instant now, Duration interval) {
        return item.status() == Status.PENDING && (lastReminded == null || !now.isBefore(lastReminded.plus(interval)));
    }

    private static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        var text = raw.strip();
        if (text.startsWith("@")) {
            text = text.substring(1);
        }
        text = text.toLowerCase(Locale.ROOT);
        return HANDLE.matcher(text).matches() ? text : null;
    }

    private static Plan refused(int status, String code, String detail) {
        return new Plan.Refused(new Refusal(status, code, detail));
    }

    private static Optional<Refusal> refuse(int status, String code, String detail) {
        return Optional.of(new Refusal(status, code, detail));
    }
}
