package io.piaf.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The slug of an address such as {@code @pot/<slug>} or {@code @campagne/<slug>}: 3–40 of {@code [a-z0-9-]},
 * starting and ending with a letter or digit.
 */
public final class Slugs {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{1,38}[a-z0-9]");

    private Slugs() {
    }

    public static boolean isValid(String slug) {
        return slug != null && VALID.matcher(slug).matches();
    }

    /** A slug made from a title: "L'anniv de Léa !" → "l-anniv-de-lea"; {@code fallback} when nothing is left. */
    public static String fromTitle(String title, String fallback) {
        var ascii = Normalizer.normalize(title == null ? "" : title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        var slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 32) {
            slug = slug.substring(0, 32).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug.length() < 3 ? fallback + "-" + slug : slug;
    }

    /** The {@code n}th alternative when the slug is taken: "anniv-lea-2", "anniv-lea-3"… */
    public static String alternative(String slug, int n) {
        return slug + "-" + n;
    }
}
