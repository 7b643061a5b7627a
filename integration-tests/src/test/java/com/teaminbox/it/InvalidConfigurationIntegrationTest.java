package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.teaminbox.demo.DemoHome;
import com.teaminbox.demo.DemoServer;

/**
 * Each class of invalid configuration: James refuses to start, and says file, line, element and why.
 * (A member without an account or a domain James does not serve yet is not invalid: see
 * {@code FirstStartIntegrationTest}.)
 */
class InvalidConfigurationIntegrationTest {
    private static final String HEADER = "<shared-mailboxes>\n";
    private static final String FOOTER = "</shared-mailboxes>\n";

    private Path directory;

    @BeforeEach
    void createDirectory() throws Exception {
        directory = Files.createTempDirectory("teaminbox-invalid");
    }

    @AfterEach
    void removeDirectory() throws Exception {
        TeamInboxServer.deleteRecursively(directory);
    }

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
            Arguments.of("malformed XML",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n" + FOOTER,
                "shared-mailboxes.xml:3: <xml> is not well-formed XML"),
            Arguments.of("unknown element",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                    + "    <owner address=\"alice@example.test\"/>\n  </shared-mailbox>\n" + FOOTER,
                "shared-mailboxes.xml:3:42: <owner> is not allowed inside <shared-mailbox>"),
            Arguments.of("unknown attribute",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\" colour=\"blue\"/>\n" + FOOTER,
                "shared-mailboxes.xml:2:85: <shared-mailbox> has an unknown attribute 'colour'"),
            Arguments.of("malformed address",
                HEADER + "  <shared-mailbox address=\"support@@example.test\" ticket-prefix=\"SUP\"/>\n" + FOOTER,
                "shared-mailboxes.xml:2: <shared-mailbox> address 'support@@example.test' is not a mail address"),
            Arguments.of("duplicate shared mailbox",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
                    + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUQ\"/>\n" + FOOTER,
                "shared-mailboxes.xml:3: <shared-mailbox> address 'support@example.test' is already declared at line 2"),
            Arguments.of("duplicate ticket prefix",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\"/>\n"
                    + "  <shared-mailbox address=\"sales@example.test\" ticket-prefix=\"SUP\"/>\n" + FOOTER,
                "shared-mailboxes.xml:3: <shared-mailbox> ticket-prefix 'SUP' is already used at line 2"),
            Arguments.of("malformed ticket prefix",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"s-1\"/>\n" + FOOTER,
                "shared-mailboxes.xml:2: <shared-mailbox> ticket prefix 's-1' is invalid"),
            Arguments.of("member of another domain",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                    + "    <member address=\"jane@customer.test\" role=\"full\"/>\n  </shared-mailbox>\n" + FOOTER,
                "shared-mailboxes.xml:3: <member> address 'jane@customer.test' is not in the domain of support@example.test: "
                    + "James 3.8.1 refuses rights across domains"),
            Arguments.of("unknown role",
                HEADER + "  <shared-mailbox address=\"support@example.test\" ticket-prefix=\"SUP\">\n"
                    + "    <member address=\"alice@example.test\" role=\"boss\"/>\n  </shared-mailbox>\n" + FOOTER,
                "shared-mailboxes.xml:3: <member> role 'boss' is not defined"),
            Arguments.of("missing required value",
                HEADER + "  <shared-mailbox ticket-prefix=\"SUP\"/>\n" + FOOTER,
                "shared-mailboxes.xml:2:40: <shared-mailbox> is missing the required attribute 'address'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void jamesShouldRefuseToStartAndNameTheMistake(String errorClass, String xml, String expectedMessage) {
        DemoHome home = DemoHome.prepare(directory, true).withSharedMailboxes(xml);

        Throwable failure = catchThrowable(() -> DemoServer.start(home).close());

        assertThat(failure).as(errorClass + " must stop James from starting").isNotNull();
        assertThat(DemoServer.rootMessage(failure)).contains(expectedMessage);
    }
}
