package com.teaminbox.core.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DataLossDetectorTest {
    private static boolean finds(DataLossDetector detector, String text) {
        TextCheck check = detector.newCheck();
        boolean found = false;
        for (char c : text.toCharArray()) {
            found |= check.feed(c);
        }
        return check.end() || found;
    }

    private static boolean card(String text) {
        return finds(DataLossDetector.cardNumbers(DataLossAction.REFUSE), text);
    }

    private static boolean iban(String text) {
        return finds(DataLossDetector.ibans(DataLossAction.HOLD), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "card 4111 1111 1111 1111 exp 12/29", "4111-1111-1111-1111.", "Visa: 4012888888881881",
        "Amex 378282246310005", "5555 5555 5555 4444\r\n", "(4111111111111111)", "13 digits 4222222222222"})
    void cardNumbersShouldBeFoundWhenLuhnValid(String text) {
        assertThat(card(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111 1111 1111 1112", "order 123456789012", "0000 0000 0000 0000", "phone +33 1 23 45 67 89",
        "41111111111111111111111", "A4111111111111111", "4111111111111111X", "4111  1111  1111  1111", "4111111111111111 4111"})
    void cardNumbersShouldNotBeFoundOtherwise(String text) {
        assertThat(card(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR76 3000 6000 0112 3456 7890 189", "IBAN: FR7630006000011234567890189.", "de89 3704 0044 0532 0130 00",
        "pay to GB82 WEST 1234 5698 7654 32 please", "Hello GB82WEST12345698765432"})
    void ibansShouldBeFoundWhenMod97Valid(String text) {
        assertThat(iban(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FR76 3000 6000 0112 3456 7890 188", "GB82 WEST 1234 5698 7654 33", "FR76", "HELLO WORLD THIS IS TEXT",
        "XFR7630006000011234567890189"})
    void ibansShouldNotBeFoundOtherwise(String text) {
        assertThat(iban(text)).isFalse();
    }
}
