package io.piaf.messaging.internal.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;
import io.piaf.identity.Handle;

/**
 * A post's or a message's text, checked and read: its {@code @handles} (candidates only: whether a user has that
 * handle is identity's answer) and its {@code #tags}. Length counts code points, so an emoji is one character, as
 * people count them.
 *
 * @param text the text as stored: surrounding white space removed, otherwise unchanged (unknown handles stay text)
 * @param handles lower-case handles written as {@code @handle}, first appearance first, without repeats
 * @param tags lower-case tags written as {@code #tag}, first appearance first, without repeats
 */
public record PostText(String text, List<String> handles, List<String> tags) {

    public static final int POST_MAX = 280;

    // An @ or # glued to a word character before it is part of that word (an e-mail address, "C#").
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_@])@([A-Za-z0-9_]+)");
    private static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{N}_&#])#([\\p{L}\\p{N}_]+)");

    public PostText {
        handles = List.copyOf(handles);
        tags = List.copyOf(tags);
    }

    /** Reads a post: 1 to 280 code points once trimmed. */
    public static PostText post(String input) {
        return parse(input, POST_MAX);
    }

    /** Reads a text of 1 to {@code max} code points once trimmed; a 400 problem otherwise. */
    public static PostText parse(String input, int max) {
        var text = input == null ? "" : input.strip();
        if (text.isEmpty()) {
            throw ProblemException.badRequest("empty_text", "The text is empty.");
        }
        var length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new ProblemException(400, "text_too_long", "The text has " + length + " characters; at most " + max
                    + " are allowed.", java.util.Map.of("maxLength", max, "length", length));
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')) {
            throw ProblemException.badRequest("invalid_text", "The text holds control characters.");
        }
        return new PostText(text, handles(text), tags(text));
    }

    private static List<String> handles(String text) {
        var found = new LinkedHashSet<String>();
        var matcher = MENTION.matcher(text);
        while (matcher.find()) {
            var handle = matcher.group(1).toLowerCase(Locale.ROOT);
            if (Handle.isValid(handle)) {
                found.add(handle);
            }
        }
        return new ArrayList<>(found);
    }

    private static List<String> tags(String text) {
        var found = new LinkedHashSet<String>();
        var matcher = TAG.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1).toLowerCase(Locale.ROOT));
        }
        return new ArrayList<>(found);
    }
}
