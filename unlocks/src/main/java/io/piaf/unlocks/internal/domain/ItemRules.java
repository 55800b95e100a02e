package io.piaf.unlocks.internal.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** What an unlockable item must have: a title, a teaser everyone reads, and content (a text, a link, a file, or several). */
public final class ItemRules {

    public static final int TITLE_MAX = 80;
    public static final int TEASER_MAX = 500;
    public static final int CONTENT_TEXT_MAX = 10_000;
    public static final int URL_MAX = 2_000;

    private ItemRules() {
    }

    public static Optional<Refusal> creation(String title, String teaser, String contentText, String contentUrl) {
        return creation(title, teaser, contentText, contentUrl, false);
    }

    /** With {@code hasFile}, the content may be the file alone. */
    public static Optional<Refusal> creation(String title, String teaser, String contentText, String contentUrl, boolean hasFile) {
        if (blank(title) || length(title.strip()) > TITLE_MAX) {
            return bad("invalid_title", "A title is 1 to " + TITLE_MAX + " characters.");
        }
        if (blank(teaser) || length(teaser.strip()) > TEASER_MAX) {
            return bad("invalid_teaser", "A teaser is 1 to " + TEASER_MAX + " characters.");
        }
        if (blank(contentText) && blank(contentUrl) && !hasFile) {
            return bad("invalid_content", "The content is a text, a link, a file, or several of them.");
        }
        if (!blank(contentText) && length(contentText.strip()) > CONTENT_TEXT_MAX) {
            return bad("invalid_content", "The content text is at most " + CONTENT_TEXT_MAX + " characters.");
        }
        if (!blank(contentUrl) && !isWebUrl(contentUrl.strip())) {
            return bad("invalid_content_url", "The content link is an http or https URL of at most " + URL_MAX + " characters.");
        }
        return Optional.empty();
    }

    static boolean isWebUrl(String url) {
        if (url.length() > URL_MAX) {
            return false;
        }
        try {
            var uri = new URI(url);
            var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    private static Optional<Refusal> bad(String code, String detail) {
        return Optional.of(new Refusal(400, code, detail));
    }
}
