package com.teaminbox.it;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;

/**
 * Every ERROR line any logger writes while a test runs (James's and ours: the server runs in this
 * JVM), with its exception: James logs a mailet that throws at ERROR before sending the mail to
 * the error processor.
 */
final class ErrorLogCapture implements BeforeEachCallback, AfterEachCallback {
    private static final int STACK_FRAMES = 25;

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.start();
        root().addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root().detachAppender(appender);
        appender.stop();
    }

    /** "logger: message (exception: message)" for each ERROR event so far. */
    List<String> errors() {
        synchronized (appender.list) {
            return appender.list.stream()
                .filter(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ErrorLogCapture::describe)
                .collect(Collectors.toList());
        }
    }

    private static String describe(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        StringBuilder description = new StringBuilder(event.getLoggerName() + ": " + event.getFormattedMessage());
        for (IThrowableProxy cause = thrown; cause != null; cause = cause.getCause()) {
            description.append("\n  ").append(cause.getClassName()).append(": ").append(cause.getMessage());
            Arrays.stream(cause.getStackTraceElementProxyArray()).limit(STACK_FRAMES)
                .forEach(frame -> description.append("\n    ").append(frame.getSTEAsString()));
        }
        return description.toString();
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
