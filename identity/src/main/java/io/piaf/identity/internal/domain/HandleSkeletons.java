package io.piaf.identity.internal.domain;

import java.util.Collection;
import java.util.Optional;

/**
 * Handles that read as another one. Unicode TR39 defines confusability by a "skeleton": two strings are confusable
 * when their skeletons are equal. Handles are lower-case {@code [a-z0-9_]}, so the part of TR39's confusables table
 * that maps this alphabet is all that applies ({@code 0→o}, {@code 1→l}, {@code m→rn}, {@code w→vv}, {@code d→cl});
 * it is written here rather than taken from ICU4J (a 14 MB dependency for six rules). Piaf adds what its lower-case
 * handles make confusable in the fonts it uses and what TR39 leaves out because it compares mixed case: {@code i}
 * and {@code l} (TR39 folds {@code I} to {@code l}), {@code 5→s}, {@code 2→z}. So {@code a11ce} reads as
 * {@code alice} (both skeleton {@code allce}). Plain Java.
 */
public final class HandleSkeletons {

    private HandleSkeletons() {
    }

    public static String of(String handle) {
        var skeleton = new StringBuilder(handle.length() + 4);
        for (var c : handle.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            // As in TR39, a character maps to its prototype, which may be a sequence: m reads as rn, not rn as m.
            skeleton.append(switch (c) {
                case '0' -> "o";
                case '1', 'i', '|' -> "l";
                case '5' -> "s";
                case '2' -> "z";
                case 'm' -> "rn";
                case 'd' -> "cl";
                case 'w' -> "vv";
                default -> String.valueOf(c);
            });
        }
        return skeleton.toString();
    }

    /** The protected handle {@code candidate} reads as (the same skeleton, itself included), if any. */
    public static Optional<String> impersonated(String candidate, Collection<String> protectedHandles) {
        var skeleton = of(candidate);
        return protectedHandles.stream().filter(h -> of(h).equals(skeleton)).findFirst();
    }
}
