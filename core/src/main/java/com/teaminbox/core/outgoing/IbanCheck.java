package com.teaminbox.core.outgoing;

/**
 * International bank account numbers (ISO 13616): two letters, two check digits, then up to 30
 * letters and digits, 15 to 34 characters in all, written solid or in groups separated by single
 * spaces ({@code FR76 3000 6000 0112 3456 7890 189}), and valid under the mod-97 check (ISO 7064).
 * The check is tried at every group end, so words after the number do not hide it.
 */
final class IbanCheck implements TextCheck {
    static final int MIN_LENGTH = 15;
    static final int MAX_LENGTH = 34;

    private final char[] chars = new char[MAX_LENGTH];
    private int count;
    /** The current run cannot be an IBAN any more: wait for the next space-free boundary. */
    private boolean skipping;
    private boolean afterSpace;
    private boolean found;

    @Override
    public boolean feed(char c) {
        if (found) {
            return true;
        }
        boolean alphanumeric = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (alphanumeric) {
            afterSpace = false;
            if (skipping) {
                return false;
            }
            char upper = Character.toUpperCase(c);
            if (!fits(upper, count)) {
                // Not an IBAN (from here to the end of this word): a new one may start after a space.
                skipping = true;
                if (count >= MIN_LENGTH) {
                    // "... 189 please": the groups read so far were checked at the space.
                    count = 0;
                }
                return false;
            }
            chars[count++] = upper;
            return false;
        }
        if (c == ' ' && !afterSpace) {
            afterSpace = true;
            if (!skipping && count > 0) {
                checkSoFar();
                if (count < 4) {
                    // A short word such as "to": not the country code and check digits of an IBAN.
                    count = 0;
                }
                return found;
            }
            skipping = false;
            count = 0;
            return false;
        }
        end();
        afterSpace = false;
        return found;
    }

    @Override
    public boolean end() {
        if (!skipping) {
            checkSoFar();
        }
        count = 0;
        skipping = false;
        return found;
    }

    /** Position 0–1 letters, 2–3 digits, then letters or digits up to the maximum length. */
    private static boolean fits(char c, int position) {
        if (position >= MAX_LENGTH) {
            return false;
        }
        boolean letter = c >= 'A' && c <= 'Z';
        if (position < 2) {
            return letter;
        }
        if (position < 4) {
            return !letter;
        }
        return true;
    }

    private void checkSoFar() {
        if (count >= MIN_LENGTH && mod97(chars, count) == 1) {
            found = true;
        }
    }

    /** ISO 7064 MOD 97-10 on the number with its first four characters moved to the end, letters as 10–35. */
    static int mod97(char[] chars, int count) {
        int remainder = 0;
        for (int i = 0; i < count; i++) {
            char c = chars[(i + 4) % count];
            int value = c <= '9' ? c - '0' : c - 'A' + 10;
            remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
        }
        return remainder;
    }
}
