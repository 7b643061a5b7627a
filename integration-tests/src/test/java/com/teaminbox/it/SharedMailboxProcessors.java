package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import com.teaminbox.demo.DemoJamesFiles;
import com.teaminbox.james.mailets.ServeSharedMailbox;

/**
 * The two forms of the {@code shared-mailbox} processor an administrator may run: the one step the
 * demo and {@code conf/james/mailetcontainer-processor.xml} use ({@code ServeSharedMailbox}), and
 * the six mailets it stands for, which existing configurations keep.
 */
final class SharedMailboxProcessors {
    static final String ONE_STEP = forAll(ServeSharedMailbox.class.getName());
    static final String SIX_STEPS = ServeSharedMailbox.PARTS.stream().map(SharedMailboxProcessors::forAll).collect(Collectors.joining("\n            "));

    private SharedMailboxProcessors() {
    }

    private static String forAll(String mailetClass) {
        return "<mailet match=\"All\" class=\"" + mailetClass + "\"/>";
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
