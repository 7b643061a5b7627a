package com.teaminbox.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MailetPipelineCheckTest {
    private static final MailetSetup REMOVE_BCC = new MailetSetup("transport", "All", "RemoveMimeHeader", List.of("bcc"));
    private static final MailetSetup COPY = mailet("transport", "SMTPAuthSuccessful", "com.teaminbox.james.mailets.CopyToSharedSent");
    private static final MailetSetup TO_SHARED = mailet("transport", MailetPipelineCheck.MATCHER, "ToProcessor");
    private static final MailetSetup RRT = mailet("transport", "All", "RecipientRewriteTable");

    private static MailetSetup mailet(String processor, String match, String className) {
        return new MailetSetup(processor, match, className, List.of());
    }

    @Test
    void documentedOrderShouldPass() {
        assertThat(MailetPipelineCheck.problems(List.of(REMOVE_BCC, COPY, RRT, TO_SHARED,
            mailet("shared-mailbox", "All", "com.teaminbox.james.mailets.AssignTicket")))).isEmpty();
    }

    @Test
    void sharedMailboxProcessorInOneStepShouldPass() {
        assertThat(MailetPipelineCheck.problems(List.of(REMOVE_BCC, COPY, RRT, TO_SHARED,
            mailet("shared-mailbox", "All", "com.teaminbox.james.mailets.ServeSharedMailbox")))).isEmpty();
    }

    @Test
    void sharedMailboxProcessorInOneStepShouldNotMakeUpForTheMissingMatcher() {
        assertThat(MailetPipelineCheck.problems(List.of(REMOVE_BCC, COPY, RRT,
            mailet("shared-mailbox", "All", "com.teaminbox.james.mailets.ServeSharedMailbox"))))
            .singleElement().extracting(DeploymentProblem::reason).asString()
            .startsWith("has no mailet matching com.teaminbox.james.matchers.RecipientIsSharedMailbox");
    }

    @Test
    void ourMailetBeforeBccRemovalShouldBeRefusedNamingIt() {
        assertThat(MailetPipelineCheck.problems(List.of(COPY, REMOVE_BCC, RRT, TO_SHARED)))
            .extracting(DeploymentProblem::toString)
            .containsExactly("mailetcontainer.xml: <mailet match=\"SMTPAuthSuccessful\" class=\"com.teaminbox.james.mailets.CopyToSharedSent\">"
                + " in processor 'transport' comes before RemoveMimeHeader (bcc): a Bcc: header would reach the shared Sent copy the whole"
                + " team reads; move it after RemoveMimeHeader (docs/deployment.md, section 3)");
    }

    @Test
    void bccRemovalShouldBeRecognisedInAListOfHeadersAnyCase() {
        MailetSetup removeSeveral = new MailetSetup("transport", "All", "org.apache.james.transport.mailets.RemoveMimeHeader",
            List.of("X-Foo", " BCC"));

        assertThat(MailetPipelineCheck.problems(List.of(removeSeveral, COPY, TO_SHARED))).isEmpty();
    }

    @Test
    void missingBccRemovalShouldBeRefused() {
        assertThat(MailetPipelineCheck.problems(List.of(COPY, TO_SHARED)))
            .extracting(DeploymentProblem::reason).hasSize(2)
            .allMatch(reason -> reason.startsWith("runs with no RemoveMimeHeader (bcc) before it"));
    }

    @Test
    void removalOfAnotherHeaderShouldNotCount() {
        MailetSetup removeOther = new MailetSetup("transport", "All", "RemoveMimeHeader", List.of("x-bcc-copy"));

        assertThat(MailetPipelineCheck.problems(List.of(removeOther, COPY, TO_SHARED))).hasSize(2);
    }

    @Test
    void ourMailetInRootShouldBeRefused() {
        assertThat(MailetPipelineCheck.problems(List.of(mailet("root", "All", "com.teaminbox.james.mailets.EnforceOutgoingSubject"),
            REMOVE_BCC, TO_SHARED)))
            .singleElement().extracting(DeploymentProblem::reason).asString()
            .startsWith("runs before the transport processor's RemoveMimeHeader (bcc)");
    }

    @Test
    void missingMatcherShouldBeRefused() {
        assertThat(MailetPipelineCheck.problems(List.of(REMOVE_BCC, COPY)))
            .singleElement().extracting(DeploymentProblem::reason).asString()
            .startsWith("has no mailet matching com.teaminbox.james.matchers.RecipientIsSharedMailbox");
    }
}
