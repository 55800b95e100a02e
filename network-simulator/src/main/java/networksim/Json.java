package networksim;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Just enough JSON for the network dialect: writes maps of strings, numbers, booleans and maps; reads flat fields. */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> quote(s);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case Map<?, ?> m -> {
                var out = new StringBuilder("{");
                for (var e : m.entrySet()) {
                    if (out.length() > 1) {
                        out.append(',');
                    }
                    out.append(quote(e.getKey().toString())).append(':').append(write(e.getValue()));
                }
                yield out.append('}').toString();
            }
            case List<?> l -> "[" + String.join(",", l.stream().map(Json::write).toList()) + "]";
            default -> throw new IllegalArgumentException("Not JSON: " + value.getClass());
        };
    }

    private static String quote(String s) {
        var out = new StringBuilder("\"");
        for (var c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A top-level string, boolean or number field of a JSON object, as text; null when absent or null. */
    static String field(String json, String name) {
        var m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|true|false|-?[0-9.]+)").matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }
}
