package com.teaminbox.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.james.mailbox.store.mail.NaiveThreadIdGuessingAlgorithm;
import org.apache.james.mailbox.store.mail.ThreadIdGuessingAlgorithm;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.teaminbox.demo.DemoHome;
import com.teaminbox.demo.DemoServer;

/**
 * The demo's James started in this JVM for a benchmark that drives its mailbox layer directly
 * ({@code RetentionBenchmark}, {@code AppendBenchmark}): a fresh home, logs at WARN (and INFO for
 * the loggers named), one probe of the benchmark's bound, and James's naive thread-id guess. The
 * memory backend otherwise guesses a message's thread by searching the whole account at every
 * append: quadratic over a benchmark's appends, and no part of what they measure (distributed
 * backends keep a thread table instead).
 */
public final class InProcessDemo {
    private InProcessDemo() {
    }

    public static DemoServer start(String name, Class<? extends GuiceProbe> probe, String... infoLoggers) throws Exception {
        Path directory = Files.createTempDirectory("teaminbox-" + name + "-benchmark");
        DemoHome home = DemoHome.prepare(directory, true);
        quietLogs(home, infoLoggers);
        Module naiveThreads = binder -> binder.bind(ThreadIdGuessingAlgorithm.class).to(NaiveThreadIdGuessingAlgorithm.class);
        return DemoServer.start(home, List.of(naiveThreads), binder -> Multibinder.newSetBinder(binder, GuiceProbe.class)
            .addBinding().to(probe));
    }

    private static void quietLogs(DemoHome home, String... infoLoggers) {
        StringBuilder loggers = new StringBuilder();
        for (String logger : infoLoggers) {
            loggers.append("  <logger name=\"").append(logger).append("\" level=\"INFO\"/>\n");
        }
        home.withConfigurationFile("logback.xml", "<configuration>\n"
            + "  <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
            + "    <encoder><pattern>%d{HH:mm:ss.SSS} [%-5level] %logger{20} - %msg%n</pattern></encoder>\n"
            + "  </appender>\n"
            + "  <root level=\"WARN\"><appender-ref ref=\"CONSOLE\"/></root>\n"
            + loggers
            + "</configuration>\n");
        System.setProperty("logback.configurationFile", home.configurationFile("logback.xml").toString());
    }
}
