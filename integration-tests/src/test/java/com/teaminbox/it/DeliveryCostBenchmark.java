package com.teaminbox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;

import org.apache.mailet.Mailet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 18, seventh round: what a mail for support@ costs on the spooler's threads through stock
 * James's delivery ({@code AddDeliveredToHeader}, {@code LocalDelivery}) and through the
 * shared-mailbox processor's mailets besides the rules, each mailet apart, 20 threads at once as
 * the spooler runs, the two alternated in one server. Not part of the suite:
 * <pre>
 * mvn -o -B -pl integration-tests -am verify -Dtest=DeliveryCostBenchmark -Ddelivery.benchmark=true -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Add {@code -DargLine=-XX:TieredStopAtLevel=1} for C1 only.
 */
@EnabledIfSystemProperty(named = "delivery.benchmark", matches = "true")
class DeliveryCostBenchmark {
    private static final int THREADS = Integer.getInteger("delivery.benchmark.threads", 20);
    private static final int MAILS_PER_THREAD = Integer.getInteger("delivery.benchmark.mails", 10);
    private static final int WARMUP_ROUNDS = Integer.getInteger("delivery.benchmark.warmup", 30);
    private static final int ROUNDS = Integer.getInteger("delivery.benchmark.rounds", 15);
    /** With ApplyRules and the e2e benchmark's 1,000 rules for support@ (its Pipelines), to see its effect on the steps after it. */
    private static final boolean RULES = Boolean.getBoolean("delivery.benchmark.rules");
    private static final int GENERATED_RULES = 1_000;
    private static final List<String> COLUMNS = List.of("SplitPerSharedMailbox", "AssignTicket", "ApplyRules", "Acknowledge",
        "AddDeliveredToHeader", "LocalDelivery", "LocalDeliveryOnce");

    private static double median(List<DeliveryCostMeter.Cost> costs, ToDoubleFunction<DeliveryCostMeter.Cost> value) {
        double[] values = costs.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    @RegisterExtension
    TeamInboxServer server = TeamInboxServer.overriding(home -> {
        if (RULES) {
            home.withSharedMailboxes(withGeneratedRules(home.configurationFile("shared-mailboxes.xml")));
        }
    }, List.of(), DeliveryCostProbe.MODULE);

    /** As the e2e benchmark's (b): the demo's rules for support@ and generated ones up to 1,000, most matching no mail. */
    private static String withGeneratedRules(Path file) {
        try {
            String demo = Files.readString(file);
            int demoRules = demo.substring(0, demo.indexOf("</rules>")).split("<rule ", -1).length - 1;
            StringBuilder generated = new StringBuilder();
            Random random = new Random(7);
            for (int index = demoRules; index < GENERATED_RULES; index++) {
                generated.append("            <rule name=\"generated-").append(index).append("\" when=\"subject:(project").append(index)
                    .append(" OR code").append(random.nextInt(1_000_000)).append(") OR from:client").append(index)
                    .append(".test OR body:&quot;reference ").append(index).append("&quot;\"><keyword name=\"$R").append(index)
                    .append("\"/></rule>\n");
            }
            return demo.replaceFirst("</rules>", Matcher.quoteReplacement(generated + "        </rules>"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void measure() throws Exception {
        DeliveryCostMeter meter = server.probe(DeliveryCostProbe.class).meter();
        List<byte[]> templates = DeliveryCostMeter.templates(Path.of("..", "samples"));
        Map<String, Mailet> stock = meter.stock();
        Map<String, Mailet> teamInbox = meter.teamInbox(RULES);
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            meter.run("stock", stock, templates, THREADS, MAILS_PER_THREAD);
            meter.emptyInboxes();
            meter.run("teaminbox", teamInbox, templates, THREADS, MAILS_PER_THREAD);
            meter.emptyInboxes();
        }
        List<DeliveryCostMeter.Cost> costs = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            costs.add(meter.run("stock", stock, templates, THREADS, MAILS_PER_THREAD));
            meter.emptyInboxes();
            costs.add(meter.run("teaminbox", teamInbox, templates, THREADS, MAILS_PER_THREAD));
            meter.emptyInboxes();
        }
        StringBuilder report = new StringBuilder("\n| variant | mails |");
        COLUMNS.forEach(mailet -> report.append(' ').append(mailet).append(" µs |"));
        report.append(" calling threads µs | pools µs | JVM µs |\n|---|---:|").append("---:|".repeat(COLUMNS.size() + 3)).append('\n');
        for (DeliveryCostMeter.Cost cost : costs) {
            report.append("| ").append(cost.variant()).append(" | ").append(cost.mails()).append(" |");
            COLUMNS.forEach(mailet -> report.append(String.format(" %.1f |", cost.microsPerMail(mailet))));
            report.append(String.format(" %.1f | %.1f | %.1f |", cost.callingThreadsMicrosPerMail(), cost.poolMicrosPerMail(),
                cost.processMicrosPerMail()));
            report.append('\n');
        }
        for (String variant : List.of("stock", "teaminbox")) {
            List<DeliveryCostMeter.Cost> own = costs.stream().filter(cost -> cost.variant().equals(variant)).toList();
            report.append("| **").append(variant).append(", median** | ").append(own.get(0).mails()).append(" |");
            COLUMNS.forEach(mailet -> report.append(String.format(" %.1f |", median(own, cost -> cost.microsPerMail(mailet)))));
            report.append(String.format(" %.1f | %.1f | %.1f |%n", median(own, DeliveryCostMeter.Cost::callingThreadsMicrosPerMail),
                median(own, DeliveryCostMeter.Cost::poolMicrosPerMail), median(own, DeliveryCostMeter.Cost::processMicrosPerMail)));
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "delivery-cost-benchmark.md"), report);
    }
}
