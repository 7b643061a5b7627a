package com.teaminbox.core.outgoing;

import java.util.Objects;
import java.util.Optional;

/**
 * One detector of a shared mailbox's {@code <data-loss>}, with its action:
 * <pre>{@code
 * <card-numbers action="refuse"/>
 * <ibans action="hold"/>
 * <pattern name="customer-password" action="flag" regex="password: *[^ ]+" case="insensitive"/>
 * }</pre>
 */
public record DataLossDetector(String name, Kind kind, DataLossAction action, Optional<LinearPattern> pattern) {
    /** The built-in detectors, and the administrator's named patterns. */
    public enum Kind {
        CARD_NUMBERS("card-numbers"),
        IBANS("ibans"),
        PATTERN("pattern");

        private final String xmlName;

        Kind(String xmlName) {
            this.xmlName = xmlName;
        }

        public String xmlName() {
            return xmlName;
        }
    }

    public DataLossDetector {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(pattern, "pattern");
        if ((kind == Kind.PATTERN) != pattern.isPresent()) {
            throw new IllegalArgumentException("a pattern detector needs a pattern, and only it");
        }
    }

    public static DataLossDetector cardNumbers(DataLossAction action) {
        return new DataLossDetector(Kind.CARD_NUMBERS.xmlName(), Kind.CARD_NUMBERS, action, Optional.empty());
    }

    public static DataLossDetector ibans(DataLossAction action) {
        return new DataLossDetector(Kind.IBANS.xmlName(), Kind.IBANS, action, Optional.empty());
    }

    public static DataLossDetector pattern(String name, LinearPattern pattern, DataLossAction action) {
        return new DataLossDetector(name, Kind.PATTERN, action, Optional.of(pattern));
    }

    /** A fresh state for one text. */
    public TextCheck newCheck() {
        return switch (kind) {
            case CARD_NUMBERS -> new CardNumberCheck();
            case IBANS -> new IbanCheck();
            case PATTERN -> new PatternCheck(pattern.orElseThrow().scan());
        };
    }

    private record PatternCheck(LinearPattern.Scan scan) implements TextCheck {
        @Override
        public boolean feed(char c) {
            return scan.feed(c);
        }

        @Override
        public boolean end() {
            return scan.found();
        }
    }
}
