package com.teaminbox.core.outgoing;

import java.util.Objects;

import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * An administrator's pattern for the data-loss checks, compiled once into a deterministic
 * automaton (Lucene's {@link RegExp}): a scan reads each character once and keeps one state, so
 * no text, however hostile, costs more than linear time. The syntax is Lucene's regular
 * expressions ({@code [0-9]{3}-[0-9]{2}}, {@code |}, {@code ( )}, {@code * + ? {n,m}}, {@code \d \s \w}),
 * matched anywhere in the text.
 *
 * <p>Refused at load, with the reason: back-references and look-around (they need a backtracking
 * engine), a repetition of a group that itself repeats ({@code (a+)+}: catastrophic backtracking in
 * any engine that copies the pattern, and a sign the author meant something simpler), and a
 * pattern whose automaton would exceed {@link #MAX_DETERMINIZE_WORK} (e.g. {@code (a|b)*a(a|b){30}}).
 */
public final class LinearPattern {
    /** Lucene's effort bound for turning the pattern into a deterministic automaton; bounds its states, hence memory. */
    public static final int MAX_DETERMINIZE_WORK = 20_000;
    /** A pattern longer than this is not a pattern an administrator wrote by hand. */
    public static final int MAX_LENGTH = 500;

    private final String source;
    private final CharacterRunAutomaton automaton;

    private LinearPattern(String source, CharacterRunAutomaton automaton) {
        this.source = source;
        this.automaton = automaton;
    }

    /**
     * @throws IllegalArgumentException naming why the pattern is refused
     */
    public static LinearPattern compile(String source, boolean caseInsensitive) {
        Objects.requireNonNull(source, "source");
        if (source.isEmpty()) {
            throw new IllegalArgumentException("is empty");
        }
        if (source.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        refuseBacktrackingConstructs(source);
        Automaton pattern;
        try {
            int matchFlags = caseInsensitive ? RegExp.ASCII_CASE_INSENSITIVE : 0;
            pattern = new RegExp(source, RegExp.NONE, matchFlags).toAutomaton(MAX_DETERMINIZE_WORK);
        } catch (TooComplexToDeterminizeException e) {
            throw tooComplex();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid pattern: " + e.getMessage(), e);
        }
        if (Operations.isEmpty(pattern)) {
            throw new IllegalArgumentException("matches nothing");
        }
        if (pattern.isAccept(0)) {
            throw new IllegalArgumentException("matches the empty text, hence every mail");
        }
        try {
            // "Anywhere in the text": any prefix, then the pattern; an accepting state marks the end of a match.
            Automaton anywhere = Operations.determinize(Operations.concatenate(Automata.makeAnyString(), pattern), MAX_DETERMINIZE_WORK);
            return new LinearPattern(source, new CharacterRunAutomaton(anywhere, MAX_DETERMINIZE_WORK));
        } catch (TooComplexToDeterminizeException e) {
            throw tooComplex();
        }
    }

    private static IllegalArgumentException tooComplex() {
        return new IllegalArgumentException("needs a larger automaton than allowed (" + MAX_DETERMINIZE_WORK
            + " steps to build); simplify it, e.g. fewer alternatives under a counted repetition");
    }

    /** One pass over the text of the pattern, tracking groups: linear, so a hostile configuration is cheap to refuse too. */
    private static void refuseBacktrackingConstructs(String source) {
        // Per open group: whether it contains an unbounded repetition.
        boolean[] repeats = new boolean[source.length() + 1];
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\\' && i + 1 < source.length()) {
                char escaped = source.charAt(i + 1);
                if (!inClass && escaped >= '1' && escaped <= '9') {
                    throw new IllegalArgumentException("uses a back-reference (\\" + escaped + "), which needs backtracking");
                }
                i++;
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                continue;
            }
            switch (c) {
                case '[' -> inClass = true;
                case '(' -> {
                    if (i + 1 < source.length() && source.charAt(i + 1) == '?') {
                        throw new IllegalArgumentException("uses look-around or inline flags '(?', which need backtracking");
                    }
                    depth++;
                    repeats[depth] = false;
                }
                case ')' -> {
                    if (depth == 0) {
                        continue;
                    }
                    boolean inner = repeats[depth];
                    depth--;
                    boolean repeated = i + 1 < source.length() && isRepetition(source, i + 1);
                    if (inner && repeated) {
                        throw new IllegalArgumentException("repeats a group that itself repeats (like (a+)+), which backtracks "
                            + "catastrophically; repeat the inner part once instead");
                    }
                    if (inner || (repeated && isUnboundedRepetition(source, i + 1))) {
                        repeats[depth] = true;
                    }
                }
                case '*', '+' -> repeats[depth] = true;
                case '{' -> {
                    if (isUnboundedRepetition(source, i)) {
                        repeats[depth] = true;
                    }
                }
                default -> {
                }
            }
        }
    }

    private static boolean isRepetition(String source, int at) {
        char c = source.charAt(at);
        return c == '*' || c == '+' || (c == '{' && !source.startsWith("{1}", at));
    }

    /** {@code * + {n,}} — and {@code {n,m}} with a large bound, which repeats almost as freely. */
    private static boolean isUnboundedRepetition(String source, int at) {
        char c = source.charAt(at);
        if (c == '*' || c == '+') {
            return true;
        }
        if (c != '{') {
            return false;
        }
        int close = source.indexOf('}', at);
        if (close < 0) {
            return false;
        }
        String bounds = source.substring(at + 1, close);
        int comma = bounds.indexOf(',');
        return comma >= 0 && (comma == bounds.length() - 1 || bounds.substring(comma + 1).length() > 2);
    }

    public String source() {
        return source;
    }

    /** A scan of one text, fed character by character; O(1) memory. */
    public Scan scan() {
        return new Scan();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearPattern that && source.equals(that.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }

    /** The automaton's state over one text. */
    public final class Scan {
        private int state;
        private boolean found;

        private Scan() {
        }

        /** @return whether a match ends at this character (or ended before) */
        public boolean feed(char c) {
            if (found) {
                return true;
            }
            state = automaton.step(state, c);
            if (state < 0) {
                // Cannot happen with the "any prefix" automaton; start again to be safe.
                state = 0;
            } else if (automaton.isAccept(state)) {
                found = true;
            }
            return found;
        }

        public boolean found() {
            return found;
        }
    }
}
