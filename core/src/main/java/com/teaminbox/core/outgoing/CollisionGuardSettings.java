package com.teaminbox.core.outgoing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A shared mailbox's {@code <collision-guard>}: what happens when a member replies on a ticket that
 * another member already answered after the customer's latest message.
 * <pre>{@code
 * <collision-guard mode="refuse" answer="permanent" resend-window="10m"/>
 * }</pre>
 */
public record CollisionGuardSettings(Mode mode, Answer answer, Duration resendWindow) {
    public static final Duration DEFAULT_RESEND_WINDOW = Duration.ofMinutes(10);
    public static final Duration LONGEST_RESEND_WINDOW = Duration.ofDays(1);

    public enum Mode {
        /** Refused in the SMTP dialogue, naming who answered and when; the same reply sent again within the window goes through. */
        REFUSE("refuse"),
        /** Delivered with an {@code X-TeamInbox-Collision} header; the member who answered first is told. */
        WARN("warn");

        private final String xmlName;

        Mode(String xmlName) {
            this.xmlName = xmlName;
        }

        public String xmlName() {
            return xmlName;
        }

        public static Optional<Mode> fromXmlName(String value) {
            return Arrays.stream(values()).filter(mode -> mode.xmlName.equals(value)).findFirst();
        }

        public static String acceptedXmlNames() {
            return Arrays.stream(values()).map(Mode::xmlName).collect(Collectors.joining(", "));
        }
    }

    /** The SMTP answer of a refusal. */
    public enum Answer {
        /** {@code 550 5.7.1}: the client shows it and keeps the draft. */
        PERMANENT("permanent", "550", "5.7.1"),
        /**
         * {@code 451 4.7.1}: for clients that let their user decide on a temporary failure; a client that
         * queues and retries by itself sends the same reply again, which then goes through as a resend.
         */
        TEMPORARY("temporary", "451", "4.7.1");

        private final String xmlName;
        private final String replyCode;
        private final String enhancedStatus;

        Answer(String xmlName, String replyCode, String enhancedStatus) {
            this.xmlName = xmlName;
            this.replyCode = replyCode;
            this.enhancedStatus = enhancedStatus;
        }

        public String xmlName() {
            return xmlName;
        }

        public String replyCode() {
            return replyCode;
        }

        public String enhancedStatus() {
            return enhancedStatus;
        }

        public static Optional<Answer> fromXmlName(String value) {
            return Arrays.stream(values()).filter(answer -> answer.xmlName.equals(value)).findFirst();
        }

        public static String acceptedXmlNames() {
            return Arrays.stream(values()).map(Answer::xmlName).collect(Collectors.joining(", "));
        }
    }

    public CollisionGuardSettings {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(resendWindow, "resendWindow");
    }
}
