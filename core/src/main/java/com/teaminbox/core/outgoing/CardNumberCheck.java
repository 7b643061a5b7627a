package com.teaminbox.core.outgoing;

/**
 * Payment card numbers: 13 to 19 digits, alone or grouped by single spaces or hyphens
 * ({@code 4111 1111 1111 1111}, {@code 4111-1111-1111-1111}), passing the Luhn check (ISO/IEC 7812-1).
 * A longer run of digits (an order number glued to it, a phone list) is not a card number, nor is
 * an all-zero one; digits touching a letter ({@code A4111...}) start no number.
 */
final class CardNumberCheck implements TextCheck {
    static final int MIN_DIGITS = 13;
    static final int MAX_DIGITS = 19;

    private final int[] digits = new int[MAX_DIGITS];
    private int count;
    private boolean tooLong;
    private boolean afterSeparator;
    private boolean afterLetter;
    private boolean found;

    @Override
    public boolean feed(char c) {
        if (found) {
            return true;
        }
        if (c >= '0' && c <= '9') {
            if (count == 0 && afterLetter) {
                tooLong = true;
            }
            if (count < MAX_DIGITS) {
                digits[count] = c - '0';
            } else {
                tooLong = true;
            }
            count++;
            afterSeparator = false;
            return false;
        }
        if ((c == ' ' || c == '-') && count > 0 && !afterSeparator) {
            afterSeparator = true;
            return false;
        }
        boolean letter = Character.isLetter(c);
        if (letter && count > 0 && !afterSeparator) {
            // "4111...1111X": glued to a word, not a number on its own
            tooLong = true;
        }
        endOfRun();
        afterLetter = letter;
        return found;
    }

    @Override
    public boolean end() {
        endOfRun();
        return found;
    }

    private void endOfRun() {
        if (!tooLong && count >= MIN_DIGITS && count <= MAX_DIGITS && luhn(digits, count) && !allZero()) {
            found = true;
        }
        count = 0;
        tooLong = false;
        afterSeparator = false;
    }

    private boolean allZero() {
        for (int i = 0; i < count; i++) {
            if (digits[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Luhn: from the right, double every second digit (minus 9 above 9); the sum is a multiple of 10. */
    static boolean luhn(int[] digits, int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            int digit = digits[count - 1 - i];
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
