package com.teaminbox.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.teaminbox.demo.DemoJamesFiles;
import com.teaminbox.james.mailets.ServeSharedMailbox;

/**
 * The two servers compared: (a) stock James 3.8.1, the demo's own configuration with every
 * TeamInbox line taken out and no bundle, (b) the demo pipeline with our bundle and 1,000 rules
 * for support@.
 * Both are the demo launcher's memory server; (a) gets its configuration files replaced.
 */
final class Pipelines {
    static final int RULES = 1_000;
    /** A comment about TeamInbox, a mailet or matcher of ours, or the processor that carries shared-mailbox mail. */
    private static final List<Pattern> TEAMINBOX_PARTS = List.of(
        Pattern.compile("[ \\t]*<!--(?:(?!-->).)*?TeamInbox(?:(?!-->).)*-->[ \\t]*\\R", Pattern.DOTALL),
        Pattern.compile("[ \\t]*<processor state=\"shared-mailbox\".*?</processor>[ \\t]*\\R", Pattern.DOTALL),
        Pattern.compile("[ \\t]*<mailet match=\"com\\.teaminbox[^\"]*\"[^>]*[^/]>.*?</mailet>[ \\t]*\\R", Pattern.DOTALL),
        Pattern.compile("[ \\t]*<mailet match=\"[^\"]*\" class=\"com\\.teaminbox[^\"]*\"/>[ \\t]*\\R"));

    /** The shared-mailbox processor as the demo has it, one step, and the six mailets that step runs, which an ablation takes apart. */
    static final String ONE_STEP = forAll(ServeSharedMailbox.class.getName());
    static final String SIX_STEPS = ServeSharedMailbox.PARTS.stream().map(Pipelines::forAll).collect(Collectors.joining("\n            "));

    private Pipelines() {
    }

    private static String forAll(String mailetClass) {
        return "<mailet match=\"All\" class=\"" + mailetClass + "\"/>";
    }

    /**
     * Launcher options for (a): the demo's files with every TeamInbox line taken out, our bundle
     * not loaded. Its mailetcontainer.xml is the demo's own minus our mailets, matchers and
     * processor, so that (a) runs what an administrator runs before installing us: mail for
     * support@ then takes the demo's {@code local-delivery} processor.
     */
    static List<String> stock(Path demoConf, Path work) throws IOException {
        Path overrides = Files.createDirectories(work.resolve("stock-conf"));
        Files.writeString(overrides.resolve("mailetcontainer.xml"), withoutTeamInbox(DemoJamesFiles.fromDirectory(demoConf, "mailetcontainer.xml")));
        Files.writeString(overrides.resolve("extensions.properties"), "guice.extension.startable=com.teaminbox.demo.DemoAccounts\n");
        for (String name : List.of("smtpserver.xml", "imapserver.xml", "webadmin.properties")) {
            String stock = DemoJamesFiles.fromDirectory(demoConf, name)
                .replaceAll("(?m)^.*(com\\.teaminbox\\.james|extensions\\.routes).*\\R", "")
                .replaceAll("<bind>127\\.0\\.0\\.1:\\d+</bind>", "<bind>127.0.0.1:0</bind>")
                .replaceAll("(?m)^port=\\d+$", "port=0");
            Files.writeString(overrides.resolve(name), stock);
        }
        return List.of("--conf-overrides", overrides.toString());
    }

    /**
     * The demo's mailetcontainer.xml as it was before TeamInbox: every comment, mailet, matcher
     * and processor of ours taken out, nothing else changed.
     *
     * @throws IllegalStateException when something of ours is left (the demo's file changed shape)
     */
    static String withoutTeamInbox(String mailetContainer) {
        String stock = mailetContainer;
        for (Pattern part : TEAMINBOX_PARTS) {
            stock = part.matcher(stock).replaceAll("");
        }
        if (stock.toLowerCase(java.util.Locale.ROOT).contains("teaminbox") || stock.contains("shared-mailbox")) {
            throw new IllegalStateException("TeamInbox left in the stock mailetcontainer.xml after removing our lines:\n" + stock);
        }
        return stock;
    }

    /** The demo's mailetcontainer.xml with its shared-mailbox processor written as the six mailets its one step runs. */
    static String inSixSteps(String mailetContainer) {
        return mailetContainer.replace(ONE_STEP, SIX_STEPS);
    }

    /**
     * Launcher options for (b) with the shared-mailbox processor in six steps: the ablation's (b),
     * so that the mailets taken out are all the two runs differ by.
     */
    static List<String> inSixSteps(Path demoConf, Path work) throws IOException {
        Path overrides = Files.createDirectories(work.resolve("six-steps-conf"));
        Files.writeString(overrides.resolve("mailetcontainer.xml"), inSixSteps(DemoJamesFiles.fromDirectory(demoConf, "mailetcontainer.xml")));
        return List.of("--conf-overrides", overrides.toString());
    }

    /**
     * Launcher options that take these mailets (simple class names) out of the demo's
     * mailetcontainer.xml, its shared-mailbox processor written as six mailets, for an ablation of (b).
     *
     * @throws IllegalArgumentException when one is not in the demo's pipeline (a typo would measure nothing)
     */
    static List<String> withoutMailets(Path demoConf, Path work, List<String> mailets) throws IOException {
        String container = inSixSteps(DemoJamesFiles.fromDirectory(demoConf, "mailetcontainer.xml"));
        for (String mailet : mailets) {
            String line = "(?m)^\\s*<mailet match=\"[^\"]*\" class=\"com\\.teaminbox\\.james\\.mailets\\." + Pattern.quote(mailet) + "\"/>\\R";
            String without = container.replaceAll(line, "");
            if (without.equals(container)) {
                throw new IllegalArgumentException("No mailet com.teaminbox.james.mailets." + mailet + " in " + demoConf.resolve("mailetcontainer.xml"));
            }
            container = without;
        }
        Path overrides = Files.createDirectories(work.resolve("without-conf"));
        Files.writeString(overrides.resolve("mailetcontainer.xml"), container);
        return List.of("--conf-overrides", overrides.toString());
    }

    /** Launcher options for (b): the bundle from extensions-jars/, the demo configuration with 1,000 rules for support@. */
    static List<String> teamInbox(Path demoConf, Path appTarget, Path work) throws IOException {
        String demo = Files.readString(demoConf.resolve("shared-mailboxes.xml"));
        int demoRules = demo.substring(0, demo.indexOf("</rules>")).split("<rule ", -1).length - 1;
        StringBuilder generated = new StringBuilder();
        Random random = new Random(7);
        for (int index = demoRules; index < RULES; index++) {
            // Like RulesBenchmark: rare words, client domains and phrases; most rules match no mail.
            generated.append("            <rule name=\"generated-").append(index).append("\" when=\"subject:(project").append(index)
                .append(" OR code").append(random.nextInt(1_000_000)).append(") OR from:client").append(index)
                .append(".test OR body:&quot;reference ").append(index).append("&quot;\"><keyword name=\"$R").append(index)
                .append("\"/></rule>\n");
        }
        Path rules = work.resolve("shared-mailboxes-1000-rules.xml");
        Files.writeString(rules, demo.replaceFirst("</rules>", java.util.regex.Matcher.quoteReplacement(generated + "        </rules>")));
        return List.of("--extensions", appTarget.resolve("extensions-jars").toString(), "--shared-mailboxes", rules.toString());
    }
}
