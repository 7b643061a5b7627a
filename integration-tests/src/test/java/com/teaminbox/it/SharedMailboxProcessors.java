package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.teaminbox.demo.DemoJamesFiles;

/**
 * The two forms of the {@code shared-mailbox} processor an administrator may run: the one step the
 * demo and {@code conf/james/mailetcontainer-processor.xml} use ({@code ServeSharedMailbox}), and
 * the six mailets it stands for, which existing configurations keep.
 */
final class SharedMailboxProcessors {
    static final String ONE_STEP = "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.ServeSharedMailbox\"/>";
    static final String SIX_STEPS = String.join("\n            ",
        "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.SplitPerSharedMailbox\"/>",
        "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.AssignTicket\"/>",
        "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.ApplyRules\"/>",
        "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.Acknowledge\"/>",
        "<mailet match=\"All\" class=\"AddDeliveredToHeader\"/>",
        "<mailet match=\"All\" class=\"com.teaminbox.james.mailets.LocalDeliveryOnce\"/>");

    private SharedMailboxProcessors() {
    }

    /** The demo's mailetcontainer.xml, whose shared-mailbox processor is the one step. */
    static String demoMailetContainer() {
        String content = DemoJamesFiles.fromClassPath("mailetcontainer.xml");
        assertThat(content).contains(ONE_STEP);
        return content;
    }

    /** The demo's mailetcontainer.xml with the shared-mailbox processor written as its six mailets. */
    static String sixStepsMailetContainer() {
        return demoMailetContainer().replace(ONE_STEP, SIX_STEPS);
    }
}
