package com.teaminbox.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class PipelinesTest {
    private static final Path DEMO_MAILET_CONTAINER = Path.of("../app/src/main/resources/demo/conf/mailetcontainer.xml");

    @Test
    void stockShouldBeTheDemoPipelineWithOnlyTeamInboxLinesRemoved() throws Exception {
        String demo = Files.readString(DEMO_MAILET_CONTAINER);

        String stock = Pipelines.withoutTeamInbox(demo);

        assertThat(stock).doesNotContainIgnoringCase("teaminbox").doesNotContain("shared-mailbox");
        List<String> demoLines = demo.lines().toList();
        assertThat(demoLines).containsAll(stock.lines().toList());
        assertThat(stock).contains("<processor state=\"local-delivery\"", "class=\"RecipientRewriteTable\"", "match=\"RecipientIsLocal\"",
            "<name>bcc</name>", "class=\"RemoteDelivery\"", "match=\"RelayLimit=30\"");
    }

    @Test
    void somethingOfOursLeftShouldStopTheRun() {
        String unknownShape = "<mailetcontainer><mailet match=\"All\" class=\"com.teaminbox.james.mailets.New\">\n<x/></mailet>\n</mailetcontainer>\n";

        assertThatThrownBy(() -> Pipelines.withoutTeamInbox(unknownShape)).hasMessageContaining("TeamInbox left");
    }
}
