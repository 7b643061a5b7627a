package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.teaminbox.demo.DemoJamesFiles;

class PipelinesTest {
    private static final Path DEMO_MAILET_CONTAINER = Path.of("../app/src/main/resources/demo/conf/mailetcontainer.xml");
    private static final Path FRAGMENTS = Path.of("../conf/james");

    @Test
    void stockShouldBeTheDemoPipelineWithOnlyTeamInboxLinesRemoved() throws Exception {
        // As the demo runs it: the stock copy with our fragments of conf/james/ filled in.
        String demo = DemoJamesFiles.assemble(Files.readString(DEMO_MAILET_CONTAINER), fragment -> read(FRAGMENTS.resolve(fragment)));

        String stock = Pipelines.withoutTeamInbox(demo);

        assertThat(stock).doesNotContainIgnoringCase("teaminbox").doesNotContain("shared-mailbox");
        List<String> demoLines = demo.lines().toList();
        assertThat(demoLines).containsAll(stock.lines().toList());
        assertThat(stock).contains("<processor state=\"local-delivery\"", "class=\"RecipientRewriteTable\"", "match=\"RecipientIsLocal\"",
            "<name>bcc</name>", "class=\"RemoteDelivery\"", "match=\"RelayLimit=30\"");
    }

    @Test
    void stockShouldKeepNoMarkerOfOurs() throws Exception {
        String stock = Pipelines.withoutTeamInbox(DemoJamesFiles.assemble(Files.readString(DEMO_MAILET_CONTAINER),
            fragment -> read(FRAGMENTS.resolve(fragment))));

        assertThat(stock).doesNotContain("conf/james/");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ablation takes mailets out of the six the demo's one step runs: both of its (b) run them as six steps. */
    @Test
    void sixStepsShouldReplaceTheDemosOneStepWithTheMailetsItRuns() throws Exception {
        String demo = DemoJamesFiles.assemble(Files.readString(DEMO_MAILET_CONTAINER), fragment -> read(FRAGMENTS.resolve(fragment)));

        String sixSteps = Pipelines.inSixSteps(demo);

        assertThat(demo).contains(Pipelines.ONE_STEP);
        assertThat(sixSteps).doesNotContain("ServeSharedMailbox").contains(
            "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.SplitPerSharedMailbox\"/>",
            "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.ApplyRules\"/>",
            "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.LocalDeliveryOnce\"/>");
    }

    @Test
    void somethingOfOursLeftShouldStopTheRun() {
        String unknownShape = "<mailetcontainer><mailet match=\"All\" class=\"com.teaminbox.james.mailets.New\">\n<x/></mailet>\n</mailetcontainer>\n";

        assertThatThrownBy(() -> Pipelines.withoutTeamInbox(unknownShape)).hasMessageContaining("TeamInbox left");
    }
}
