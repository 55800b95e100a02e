package io.piaf.crypto.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.web3j.crypto.Keys;

import io.piaf.common.ProblemException;

/**
 * EVM addresses from users: 0x and 40 hex digits. Mixed case is an EIP-55 checksum and must match (a typo in a
 * checksummed address is caught before any token leaves); all lower or all upper case carries no checksum.
 */
final class Addresses {

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {
    }

    /** The address in lower case, or 400 {@code invalid_address}. */
    static String parse(String text) {
        var address = text == null ? "" : text.strip();
        if (!HEX.matcher(address).matches()) {
            throw ProblemException.badRequest("invalid_address", "An address is 0x followed by 40 hexadecimal digits.");
        }
        var digits = address.substring(2);
        var mixed = !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed && !Keys.toChecksumAddress(address).equals(address)) {
            throw ProblemException.badRequest("invalid_address", "This address's checksum (its mix of capitals) is wrong: check for a typo.");
        }
        var lower = "0x" + digits.toLowerCase(Locale.ROOT);
        if (lower.equals("0x0000000000000000000000000000000000000000")) {
            throw ProblemException.badRequest("invalid_address", "Tokens sent to the zero address are lost.");
        }
        return lower;
    }

    static String checksummed(String address) {
        return address == null ? null : Keys.toChecksumAddress(address);
    }
}
