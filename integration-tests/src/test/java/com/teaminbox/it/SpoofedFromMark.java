package com.teaminbox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.teaminbox.demo.DemoHome;

/**
 * The demo's shared mailboxes with {@code spoofed-from="mark"}: unauthenticated mail on the incoming
 * port that shows a shared address is delivered, marked, instead of refused. For tests whose
 * subject is such mail (loops between our own mailboxes, suppressed acknowledgements).
 */
final class SpoofedFromMark {
    private SpoofedFromMark() {
    }

    static void everywhere(DemoHome home) {
        Path file = home.configurationFile("shared-mailboxes.xml");
        try {
            Files.writeString(file, Files.readString(file).replace("<shared-mailbox ", "<shared-mailbox spoofed-from=\"mark\" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
