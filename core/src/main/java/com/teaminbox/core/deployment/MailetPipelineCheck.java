package com.teaminbox.core.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;

/**
 * Our mailets must see mail only after James's {@code RemoveMimeHeader} has removed {@code Bcc}:
 * {@code CopyToSharedSent} files the member's mail in the shared {@code Sent} the whole team reads,
 * and a Bcc: header there would show everyone whom the member copied in secret. And mail for a
 * shared mailbox must reach our matcher at all, or it is delivered as to any account: no ticket,
 * no rules.
 */
public final class MailetPipelineCheck {
    public static final String FILE = "mailetcontainer.xml";
    public static final String MATCHER = "com.teaminbox.james.matchers.RecipientIsSharedMailbox";
    static final String OUR_PACKAGE = "com.teaminbox.";
    private static final String FIX = " (docs/deployment.md, section 3)";

    private MailetPipelineCheck() {
    }

    /** @param mailets every mailet of every processor, each processor's in file order */
    public static List<DeploymentProblem> problems(List<MailetSetup> mailets) {
        List<DeploymentProblem> problems = new ArrayList<>();
        if (mailets.stream().noneMatch(mailet -> mailet.match().equals(MATCHER))) {
            problems.add(new DeploymentProblem(FILE, "<processor state=\"transport\">",
                "has no mailet matching " + MATCHER + ": mail to a shared mailbox would be delivered with no ticket and no rules; "
                    + "add it after RecipientRewriteTable and before RecipientIsLocal" + FIX));
        }
        List<MailetSetup> transport = mailets.stream().filter(mailet -> mailet.processor().equals("transport")).toList();
        OptionalInt bccRemoval = IntStream.range(0, transport.size()).filter(index -> transport.get(index).removesBcc()).findFirst();
        for (MailetSetup mailet : mailets) {
            if (!mailet.isOurs()) {
                continue;
            }
            if (mailet.processor().equals("root")) {
                problems.add(new DeploymentProblem(FILE, mailet.describe(),
                    "runs before the transport processor's RemoveMimeHeader (bcc): a Bcc: header would reach the shared Sent copy "
                        + "the whole team reads; move it into 'transport', after RemoveMimeHeader" + FIX));
            } else if (mailet.processor().equals("transport")) {
                int position = transport.indexOf(mailet);
                if (bccRemoval.isEmpty()) {
                    problems.add(new DeploymentProblem(FILE, mailet.describe(),
                        "runs with no RemoveMimeHeader (bcc) before it: a Bcc: header would reach the shared Sent copy the whole "
                            + "team reads; add <mailet match=\"All\" class=\"RemoveMimeHeader\"><name>bcc</name></mailet> before it" + FIX));
                } else if (position < bccRemoval.getAsInt()) {
                    problems.add(new DeploymentProblem(FILE, mailet.describe(),
                        "comes before RemoveMimeHeader (bcc): a Bcc: header would reach the shared Sent copy the whole team reads; "
                            + "move it after RemoveMimeHeader" + FIX));
                }
            }
        }
        return problems;
    }
}
