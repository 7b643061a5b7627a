package com.teaminbox.core.ticket;

/**
 * Text that an administrator's regular expression may read only so many characters of, in all.
 * {@link java.util.regex.Matcher} reads its input through {@link #charAt}, so counting the reads
 * bounds the time of any pattern, even one that backtracks exponentially ({@code (a+)+$}) on a
 * subject a member typed: past the budget, {@link Exhausted} ends the match.
 */
final class BudgetedText implements CharSequence {
    /** Thrown from inside the matcher when the budget is spent. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted(long budget) {
            super("pattern read more than " + budget + " characters", null, false, false);
        }
    }

    /** Shared by a text and its subsequences, which the matcher takes for groups. */
    private static final class Budget {
        private final long total;
        private long left;

        Budget(long total) {
            this.total = total;
            this.left = total;
        }

        void spend() {
            if (--left < 0) {
                throw new Exhausted(total);
            }
        }
    }

    private final String text;
    private final Budget budget;

    BudgetedText(String text, long reads) {
        this(text, new Budget(reads));
    }

    private BudgetedText(String text, Budget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        budget.spend();
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
        return text;
    }
}
