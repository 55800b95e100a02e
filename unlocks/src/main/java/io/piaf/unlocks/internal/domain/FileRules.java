package io.piaf.unlocks.internal.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a content file may be: one of a few types whose first bytes say they are what the uploader claims (so that a
 * page is never served as a picture), not empty, at most the configured size, under a name that is safe to put in a
 * Content-Disposition header and on a user's disk.
 */
public final class FileRules {

    public static final int NAME_MAX = 100;
    public static final int NAME_INPUT_MAX = 255;

    /** The types accepted, each with the extension a downloaded file gets and the bytes it starts with. */
    public static final Map<String, String> EXTENSIONS = Map.of("application/pdf", "pdf", "image/png", "png", "image/jpeg", "jpg",
            "image/gif", "gif", "image/webp", "webp", "text/plain", "txt", "application/zip", "zip", "application/epub+zip", "epub",
            "audio/mpeg", "mp3");

    private final long maxBytes;

    public FileRules(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** An upload that passed: its type without parameters, and the name it is served under. */
    public record Accepted(String contentType, String name) {
    }

    /** Checks the declared type and length before reading the body, so that a refused upload is not read. */
    public Optional<Refusal> announced(String contentType, Long length) {
        var type = type(contentType);
        if (type == null || !EXTENSIONS.containsKey(type)) {
            return Optional.of(new Refusal(415, "unsupported_file_type", "A content file is one of " + String.join(", ",
                    EXTENSIONS.keySet().stream().sorted().toList()) + "; send its type in Content-Type."));
        }
        if (length != null && length > maxBytes) {
            return Optional.of(tooLarge());
        }
        return Optional.empty();
    }

    public Refusal tooLarge() {
        return new Refusal(413, "file_too_large", "A content file is at most " + maxBytes + " bytes.", Map.of("maxBytes", maxBytes));
    }

    public sealed interface Verdict {
    }

    public record Ok(Accepted file) implements Verdict {
    }

    public record No(Refusal refusal) implements Verdict {
    }

    public Verdict check(String contentType, String name, byte[] bytes) {
        var announced = announced(contentType, (long) bytes.length);
        if (announced.isPresent()) {
            return new No(announced.get());
        }
        if (bytes.length == 0) {
            return new No(new Refusal(400, "empty_file", "The file is empty."));
        }
        var type = type(contentType);
        if (!looksLike(type, bytes)) {
            return new No(new Refusal(415, "file_type_mismatch", "The file's bytes are not " + type + "."));
        }
        if (name != null && name.length() > NAME_INPUT_MAX) {
            return new No(new Refusal(400, "invalid_file_name", "A file name is at most " + NAME_INPUT_MAX + " characters."));
        }
        return new Ok(new Accepted(type, safeName(name, type)));
    }

    /** {@code image/PNG; x=y} → {@code image/png}; null when there is no type/subtype. */
    static String type(String contentType) {
        if (contentType == null) {
            return null;
        }
        var bare = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return bare.matches("[a-z0-9.+-]+/[a-z0-9.+-]+") ? bare : null;
    }

    /**
     * The last path segment, NFC, without control, format or reserved characters, no leading dots, at most
     * {@link #NAME_MAX} code points, ending with the type's extension (so "page.html" sent as text becomes
     * "page.html.txt"); "content.ext" when nothing usable is left.
     */
    public static String safeName(String input, String type) {
        var extension = "." + EXTENSIONS.get(type);
        var name = input == null ? "" : Normalizer.normalize(input, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        var clean = new StringBuilder();
        name.codePoints().forEach(c -> {
            var kind = Character.getType(c);
            var unsafe = Character.isISOControl(c) || kind == Character.FORMAT || kind == Character.UNASSIGNED || kind == Character.PRIVATE_USE
                    || kind == Character.SURROGATE || kind == Character.LINE_SEPARATOR || kind == Character.PARAGRAPH_SEPARATOR
                    || "<>:\"/\\|?*%;".indexOf(c) >= 0;
            clean.appendCodePoint(unsafe ? '_' : Character.isWhitespace(c) ? ' ' : c);
        });
        var stripped = clean.toString().strip().replaceAll("^[.\\s_]+", "").replaceAll("[.\\s]+$", "");
        if (stripped.isEmpty()) {
            stripped = "content";
        }
        if (!stripped.toLowerCase(Locale.ROOT).endsWith(extension)) {
            stripped = stripped + extension;
        }
        var points = stripped.codePoints().toArray();
        if (points.length > NAME_MAX) {
            var keep = NAME_MAX - extension.length();
            stripped = new String(points, 0, keep).strip() + extension;
        }
        return stripped;
    }

    /** Magic numbers: what the first bytes of each type are. */
    static boolean looksLike(String type, byte[] b) {
        return switch (type) {
            case "application/pdf" -> starts(b, "%PDF-");
            case "image/png" -> starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
            case "image/jpeg" -> starts(b, 0xFF, 0xD8, 0xFF);
            case "image/gif" -> starts(b, "GIF87a") || starts(b, "GIF89a");
            case "image/webp" -> starts(b, "RIFF") && b.length >= 12 && new String(b, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
            case "application/zip", "application/epub+zip" -> starts(b, 'P', 'K', 3, 4) || starts(b, 'P', 'K', 5, 6);
            case "audio/mpeg" -> starts(b, "ID3") || (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0);
            case "text/plain" -> isText(b);
            default -> false;
        };
    }

    /** UTF-8 without NUL or other control characters than tab and line ends. */
    private static boolean isText(byte[] b) {
        try {
            var text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r');
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean starts(byte[] b, String prefix) {
        return starts(b, prefix.chars().toArray());
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
