package com.teaminbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DemoJamesFilesTest {
    @Test
    void markerShouldBeFollowedByItsFragmentIndentedLikeIt() {
        String stock = "<processors>\n    <!-- TeamInbox: conf/james/ours.xml -->\n</processors>\n";

        String assembled = DemoJamesFiles.assemble(stock, Map.of("ours.xml", "<a>\n    <b/>\n</a>\n")::get);

        assertThat(assembled).isEqualTo("<processors>\n    <!-- TeamInbox: conf/james/ours.xml -->\n    <a>\n        <b/>\n    </a>\n</processors>\n");
    }

    @Test
    void propertiesMarkerShouldWorkToo() {
        String assembled = DemoJamesFiles.assemble("port=8000\n# TeamInbox: conf/james/webadmin.properties\n",
            Map.of("webadmin.properties", "extensions.routes=a.B\n")::get);

        assertThat(assembled).isEqualTo("port=8000\n# TeamInbox: conf/james/webadmin.properties\nextensions.routes=a.B\n");
    }

    @Test
    void beforeAndAfterShouldExtendTheListTheFragmentSetsAndBeConsumed() {
        String assembled = DemoJamesFiles.assemble("# TeamInbox: conf/james/extensions.properties\nstartables.before=demo.First\n"
            + "startables.after=ours.Last\n", Map.of("extensions.properties", "module=ours.Module\nstartables=ours.A,ours.B\n")::get);

        assertThat(assembled).isEqualTo("# TeamInbox: conf/james/extensions.properties\nmodule=ours.Module\n"
            + "startables=demo.First,ours.A,ours.B,ours.Last\n");
    }

    @Test
    void additionToAKeyNoLineSetsShouldFailNamingIt() {
        assertThatThrownBy(() -> DemoJamesFiles.assemble("routes.after=x.Y\n", any -> ""))
            .hasMessage("'routes.after=x.Y' adds to routes, which no line sets");
    }

    @Test
    void demoShouldRunItsAccountsFirstThenOurStartablesThenTheDigest() throws IOException {
        String fragment = resource("james/extensions.properties").lines().filter(line -> line.startsWith("guice.extension.startable="))
            .findFirst().orElseThrow().substring("guice.extension.startable=".length());

        assertThat(DemoJamesFiles.fromClassPath("extensions.properties")).contains("guice.extension.startable=com.teaminbox.demo.DemoAccounts,"
            + fragment + ",com.teaminbox.james.reports.WeeklyDigestSchedule\n");
    }

    @Test
    void demoShouldServeOurRoutesAndTheReports() throws IOException {
        String fragment = resource("james/webadmin.properties").strip();

        assertThat(DemoJamesFiles.fromClassPath("webadmin.properties"))
            .contains(fragment + ",com.teaminbox.james.webadmin.SharedMailboxReportRoutes")
            .doesNotContain(".after=");
    }

    @Test
    void fileWithoutMarkerShouldBeLeftAsItIs() {
        assertThat(DemoJamesFiles.assemble("<x><!-- TeamInbox: a comment --></x>\n", any -> "never")).isEqualTo("<x><!-- TeamInbox: a comment --></x>\n");
    }

    @Test
    void markerNamingAMissingFragmentShouldFailNamingIt() {
        assertThatThrownBy(() -> DemoJamesFiles.assemble("<!-- TeamInbox: conf/james/gone.xml -->\n",
            name -> Optional.<String>empty().orElseThrow(() -> new IllegalStateException("missing " + name))))
            .hasMessage("missing gone.xml");
    }

    /** Our lines exist once, in conf/james/: the demo's files get them from there and keep no copy. */
    @ParameterizedTest
    @CsvSource({
        "mailetcontainer.xml, mailetcontainer-after-bcc.xml",
        "mailetcontainer.xml, mailetcontainer-before-local.xml",
        "mailetcontainer.xml, mailetcontainer-processor.xml",
        "smtpserver.xml, smtpserver-incoming-handlerchain.xml",
        "smtpserver.xml, smtpserver-submission-handlerchain.xml",
        "imapserver.xml, imapserver-packages.xml"})
    void demoFileShouldCarryTheFragmentAdministratorsMergeAndNoCopyOfIt(String demoFile, String fragment) throws IOException {
        String assembled = DemoJamesFiles.fromClassPath(demoFile);

        resource("james/" + fragment).lines().map(String::strip).forEach(line -> assertThat(assembled).contains(line));
        assertThat(resource(demoFile)).doesNotContain("com.teaminbox.james");
    }

    private static String resource(String name) throws IOException {
        try (InputStream stream = DemoJamesFilesTest.class.getResourceAsStream("/demo/conf/" + name)) {
            assertThat(stream).as("demo/conf/" + name + " in the build").isNotNull();
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
