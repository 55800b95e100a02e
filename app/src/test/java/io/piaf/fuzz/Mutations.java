package io.piaf.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Hostile values a client can send: what a fuzzer of a payments API tries first. */
final class Mutations {

    private Mutations() {
    }

    /** Values that must never be taken for an amount. */
    static final List<String> AMOUNTS = List.of("1e309", "NaN", "-0.01", "0.001", "99999999999999999999", "Infinity",
            "-Infinity", "12,50", " 12.50", "12.5.0", "0x10", "1_000", "", "-0", "+5", "١٢", "1e2", "0.00", "00012.00");

    /** Strings that try to break parsing, encoding, rendering or SQL. */
    static final List<String> STRINGS = List.of(
            "'; drop table identity.users; --", "\" or \"1\"=\"1", "\\", "%00", "\u0000", "../../etc/passwd",
            "\u202Eecila", "alice\u200B", "ａｌｉｃｅ", "\uD83D\uDCB8\uD83D\uDCB8", "\uD800", "@", "@@", "#",
            "<script>alert(1)</script>", "${jndi:ldap://x}", "{{7*7}}", "\r\nX-Injected: yes", " ", "null",
            "A".repeat(300), "é".repeat(281), "#envoyer 1e309€ @acf", "#envoyer -5€ @acf", "#envoyer 0.001€ @acf");

    /** JSON values of every type, to put where another type is expected. */
    static final List<String> JSON_VALUES = List.of("null", "true", "0", "-1", "1.5", "1e309", "[]", "{}", "\"\"",
            "[1,2,3]", "{\"amount\":\"1e309\",\"currency\":\"EUR\"}", "99999999999999999999999999", "-0");

    /** Bodies that are not (acceptable) JSON at all. */
    static List<String> brokenBodies() {
        var deep = new StringBuilder();
        deep.append("[".repeat(5000)).append("]".repeat(5000));
        var wide = new StringBuilder("{");
        for (int i = 0; i < 3000; i++) {
            wide.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        wide.append('}');
        return List.of("", "{", "{\"a\":", "}", "[", "nul", "{\"a\":1,}", "{'a':1}", "{\"a\":1}{\"b\":2}",
                "{\"a\":1} trailing", "\uFEFF{}", deep.toString(), wide.toString(), "\"just a string\"", "42",
                "{\"a\":\"\\ud800\"}", "{\"a\":1,\"a\":2}");
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A few distinct picks. */
    static <T> List<T> sample(Random random, List<T> values, int n) {
        var copy = new ArrayList<>(values);
        java.util.Collections.shuffle(copy, random);
        return copy.subList(0, Math.min(n, copy.size()));
    }
}
