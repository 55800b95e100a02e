package io.piaf.platform.web;

/**
 * Strict UTF-8, fed one buffer at a time (a character may straddle two buffers): refuses overlong forms, surrogates,
 * code points above U+10FFFF, stray continuation bytes and a truncated last character, as the Unicode Standard's
 * table of well-formed byte sequences (Table 3-7) says. Jackson's parser let an overlong {@code C0 AF} through as
 * {@code /} and turned {@code F4 90 80 80} into a lone surrogate.
 */
final class Utf8Validator {

    private int needed;
    private int lower = 0x80;
    private int upper = 0xBF;

    /** False at the first byte that cannot be part of well-formed UTF-8. */
    boolean feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    expect(1, 0x80, 0xBF);
                } else if (b == 0xE0) {
                    expect(2, 0xA0, 0xBF);
                } else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF) {
                    expect(2, 0x80, 0xBF);
                } else if (b == 0xED) {
                    expect(2, 0x80, 0x9F);
                } else if (b == 0xF0) {
                    expect(3, 0x90, 0xBF);
                } else if (b >= 0xF1 && b <= 0xF3) {
                    expect(3, 0x80, 0xBF);
                } else if (b == 0xF4) {
                    expect(3, 0x80, 0x8F);
                } else {
                    return false;
                }
            } else {
                if (b < lower || b > upper) {
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                needed--;
            }
        }
        return true;
    }

    /** False when the input ended inside a character. */
    boolean end() {
        return needed == 0;
    }

    private void expect(int continuation, int nextLower, int nextUpper) {
        needed = continuation;
        lower = nextLower;
        upper = nextUpper;
    }
}
