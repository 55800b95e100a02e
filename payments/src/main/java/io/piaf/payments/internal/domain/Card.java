package io.piaf.payments.internal.domain;

import java.time.YearMonth;
import java.util.regex.Pattern;

import io.piaf.common.ProblemException;

/**
 * A card as a top-up request gives it, checked: Luhn, length, expiry, CVC. It lives only for the call to the card
 * rail: the number and CVC are never stored or logged ({@link #toString()} shows brand and last four digits only).
 */
public final class Card {

    private static final Pattern SEPARATORS = Pattern.compile("[ -]");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{12,19}");

    private final String number;
    private final CardBrand brand;
    private final YearMonth expiry;
    private final String cvc;

    private Card(String number, CardBrand brand, YearMonth expiry, String cvc) {
        this.number = number;
        this.brand = brand;
        this.expiry = expiry;
        this.cvc = cvc;
    }

    /** Validates what the client sent; {@code today} decides expiry. Throws 400 problems. */
    public static Card of(String number, Integer expMonth, Integer expYear, String cvc, YearMonth today) {
        var digits = number == null ? "" : SEPARATORS.matcher(number.strip()).replaceAll("");
        if (!DIGITS.matcher(digits).matches() || !luhn(digits)) {
            throw ProblemException.badRequest("invalid_card", "The card number is not valid.");
        }
        var brand = CardBrand.of(digits);
        if (expMonth == null || expYear == null || expMonth < 1 || expMonth > 12) {
            throw ProblemException.badRequest("invalid_expiry", "expMonth is 1 to 12 and expYear a year, e.g. 2030.");
        }
        var year = expYear < 100 ? 2000 + expYear : expYear;
        var expiry = YearMonth.of(Math.min(Math.max(year, 1), 9999), expMonth);
        if (year < 2000 || expiry.isBefore(today)) {
            throw ProblemException.badRequest("invalid_expiry", "The card has expired.");
        }
        if (expiry.isAfter(today.plusYears(20))) {
            throw ProblemException.badRequest("invalid_expiry", "The expiry date is too far in the future.");
        }
        var cvcLength = brand == CardBrand.AMEX ? 4 : 3;
        if (cvc == null || !cvc.matches("[0-9]{" + cvcLength + "}")) {
            throw ProblemException.badRequest("invalid_cvc", "The security code is " + cvcLength + " digits.");
        }
        return new Card(digits, brand, expiry, cvc);
    }

    public static boolean luhn(String digits) {
        var sum = 0;
        var doubled = false;
        for (var i = digits.length() - 1; i >= 0; i--) {
            var d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** The full number: for the card rail only. */
    public String number() {
        return number;
    }

    /** The security code: for the card rail only. */
    public String cvc() {
        return cvc;
    }

    public CardBrand brand() {
        return brand;
    }

    public String last4() {
        return number.substring(number.length() - 4);
    }

    public YearMonth expiry() {
        return expiry;
    }

    @Override
    public String toString() {
        return brand.apiName() + " •••• " + last4();
    }
}
