package io.piaf.unlocks.internal.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The post a user publishes to unlock an item, and the edits the creator allows: the text as written by the creator
 * with {@code {link}} replaced by the item's link, the fragments that must stay (the link always), and the longest
 * the edited post may be. The check is exact and case-sensitive: "#Piaf" does not stand for "#piaf", and a link with
 * one character changed is another link.
 */
public record PostTemplate(String text, List<String> required, int maxLength) {

    public static final String LINK = "{link}";
    /** A post's own limit (messaging's). */
    public static final int POST_MAX = 280;
    public static final int FRAGMENT_MAX = 100;
    public static final int FRAGMENTS_MAX = 10;

    public PostTemplate {
        required = List.copyOf(required);
    }

    /** The outcome of building a template or checking an edit: either a value or the refusal. */
    public sealed interface Outcome<T> {
    }

    public record Accepted<T>(T value) implements Outcome<T> {
    }

    public record Refused<T>(Refusal refusal) implements Outcome<T> {
    }

    /**
     * The creator's template with the link put in: at {@code {link}} (at most one), or after the text when there is
     * none. Each required fragment must appear in the result; {@code maxLength} (default {@link #POST_MAX}) must leave
     * room for the template itself.
     */
    public static Outcome<PostTemplate> of(String template, List<String> requiredText, Integer maxLength, String link) {
        if (template == null || template.isBlank()) {
            return refused(400, "invalid_template", "A post template is the text users publish, with {link} where the item's link goes.");
        }
        var trimmed = template.strip();
        var first = trimmed.indexOf(LINK);
        if (first >= 0 && trimmed.indexOf(LINK, first + 1) >= 0) {
            return refused(400, "invalid_template", "{link} appears at most once in a post template.");
        }
        var text = first >= 0 ? trimmed.replace(LINK, link) : trimmed + " " + link;
        var max = maxLength == null ? POST_MAX : maxLength;
        var length = length(text);
        if (max < 1 || max > POST_MAX) {
            return refused(400, "invalid_max_length", "maxLength is 1 to " + POST_MAX + " characters.");
        }
        if (length > max) {
            return new Refused<>(new Refusal(422, "post_too_long", "The template with its link is " + length
                    + " characters, over maxLength " + max + ".", Map.of("maxLength", max, "length", length)));
        }
        var fragments = new ArrayList<String>();
        fragments.add(link);
        var given = requiredText == null ? List.<String>of() : requiredText;
        if (given.size() > FRAGMENTS_MAX) {
            return refused(400, "invalid_required_text", "At most " + FRAGMENTS_MAX + " required fragments.");
        }
        for (var fragment : given) {
            if (fragment == null || fragment.isBlank() || length(fragment.strip()) > FRAGMENT_MAX) {
                return refused(400, "invalid_required_text", "A required fragment is 1 to " + FRAGMENT_MAX + " characters.");
            }
            var f = fragment.strip();
            if (!text.contains(f)) {
                return new Refused<>(new Refusal(422, "required_text_not_in_template", "Required text must appear in the template: "
                        + f, Map.of("missing", List.of(f))));
            }
            if (!fragments.contains(f)) {
                fragments.add(f);
            }
        }
        return new Accepted<>(new PostTemplate(text, fragments, max));
    }

    /**
     * The text to publish: the template itself when {@code edited} is null, else the edit, trimmed, if it keeps every
     * required fragment and fits in {@code maxLength}.
     */
    public Outcome<String> check(String edited) {
        if (edited == null) {
            return new Accepted<>(text);
        }
        var post = edited.strip();
        if (post.isEmpty()) {
            return refused(400, "empty_text", "The post to publish is empty; send no text to publish the template as it is.");
        }
        var length = length(post);
        if (length > maxLength) {
            return new Refused<>(new Refusal(422, "post_too_long", "The post is " + length + " characters; this item allows "
                    + maxLength + ".", Map.of("maxLength", maxLength, "length", length)));
        }
        var missing = required.stream().filter(f -> !post.contains(f)).toList();
        if (!missing.isEmpty()) {
            return new Refused<>(new Refusal(422, "required_text_missing", "The post must keep: " + String.join(", ", missing),
                    Map.of("missing", missing)));
        }
        return new Accepted<>(post);
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static <T> Outcome<T> refused(int status, String code, String detail) {
        return new Refused<>(new Refusal(status, code, detail));
    }
}
