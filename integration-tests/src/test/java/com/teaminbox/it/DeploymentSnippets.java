package com.teaminbox.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The edits of docs/deployment.md, applied to a James {@code conf/} as the document tells an
 * administrator to make them. The snippets come from {@code conf/james/} (the James fragments an
 * administrator merges) and {@code docs/deployment/} (the shell steps), the very files the document
 * shows (a test checks that it shows each verbatim), so the two cannot drift.
 */
final class DeploymentSnippets {
    static final Path DIRECTORY = Path.of(System.getProperty("teaminbox.docs", "../docs")).resolve("deployment");
    static final Path FRAGMENTS = Path.of(System.getProperty("teaminbox.conf", "../conf")).resolve("james");
    static final Path DOCUMENT = DIRECTORY.getParent().resolve("deployment.md");
    private static final Pattern SMTP_SERVER = Pattern.compile("(?s)<smtpserver\\b.*?</smtpserver>");
    private static final Pattern HANDLER_CHAIN = Pattern.compile("(?s)<handlerchain\\b.*?</handlerchain>");
    private static final Pattern SED = Pattern.compile("sed -i 's/(.*)/(.*)/' conf/(\\S+)");
    private static final Pattern BIND = Pattern.compile("<bind>[^<]*:(\\d+)</bind>");
    private static final Pattern BCC_REMOVAL = Pattern.compile("(?s)<mailet match=\"All\" class=\"RemoveMimeHeader\">\\s*<name>bcc</name>.*?</mailet>");

    private DeploymentSnippets() {
    }

    static List<String> names() {
        try (Stream<Path> scripts = Files.list(DIRECTORY); Stream<Path> fragments = Files.list(FRAGMENTS)) {
            return Stream.concat(scripts, fragments).map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String snippet(String name) {
        try {
            Path fragment = FRAGMENTS.resolve(name);
            return Files.readString(Files.exists(fragment) ? fragment : DIRECTORY.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sections 2 to 7 of docs/deployment.md, on {@code conf}; the incoming server is the one bound to {@code incomingPort}. */
    static void apply(Path conf, int incomingPort) throws IOException, InterruptedException {
        apply(conf, incomingPort, List.of());
    }

    /** As {@link #apply(Path, int)}, except that the SMTP servers bound to {@code forgottenPorts} keep James's own handler chain. */
    static void apply(Path conf, int incomingPort, List<Integer> forgottenPorts) throws IOException, InterruptedException {
        apply(conf, incomingPort, forgottenPorts, false);
    }

    /** As {@link #apply(Path, int, List)}, leaving James's JMAP on when {@code jmapForgotten}. */
    static void apply(Path conf, int incomingPort, List<Integer> forgottenPorts, boolean jmapForgotten)
        throws IOException, InterruptedException {
        if (!jmapForgotten) {
            turnJmapOff(conf);
        }
        appendOnANewLine(conf.resolve("extensions.properties"), snippet("extensions.properties"));
        appendOnANewLine(conf.resolve("webadmin.properties"), snippet("webadmin.properties"));
        edit(conf.resolve("mailetcontainer.xml"), DeploymentSnippets::mailetContainer);
        edit(conf.resolve("smtpserver.xml"), xml -> smtpServers(xml, incomingPort, forgottenPorts));
        edit(conf.resolve("imapserver.xml"), xml -> insertAfter(xml, "<imapservers>", snippet("imapserver-packages.xml")));
        edit(conf.resolve("logback.xml"), xml -> insertBefore(xml, "</configuration>", snippet("logback-logger.xml")));
        Files.writeString(conf.resolve("shared-mailboxes.xml"), snippet("shared-mailboxes-first-start.xml"));
        createKeystore(conf.getParent());
    }

    private static String smtpServers(String xml, int incomingPort, List<Integer> stockPorts) {
        String authorizedAddresses = snippet("smtpserver-authorized-addresses.xml").strip();
        Matcher server = SMTP_SERVER.matcher(xml);
        StringBuilder result = new StringBuilder();
        while (server.find()) {
            String text = server.group();
            Matcher bind = BIND.matcher(text);
            require(bind.find(), "a <bind> in " + text);
            int port = Integer.parseInt(bind.group(1));
            String edited = text.replace(authorizedAddresses, "");
            if (!stockPorts.contains(port)) {
                String chain = snippet(port == incomingPort ? "smtpserver-incoming-handlerchain.xml" : "smtpserver-submission-handlerchain.xml");
                edited = HANDLER_CHAIN.matcher(edited).replaceFirst(Matcher.quoteReplacement(chain.strip()));
            }
            server.appendReplacement(result, Matcher.quoteReplacement(edited));
        }
        server.appendTail(result);
        return result.toString();
    }

    private static String mailetContainer(String xml) {
        Matcher bcc = BCC_REMOVAL.matcher(xml);
        require(bcc.find(), "RemoveMimeHeader (bcc) in the transport processor");
        String afterBcc = xml.substring(0, bcc.end()) + "\n" + snippet("mailetcontainer-after-bcc.xml") + xml.substring(bcc.end());
        String beforeLocal = insertBefore(afterBcc, "<mailet match=\"RecipientIsLocal\"", snippet("mailetcontainer-before-local.xml"));
        return insertBefore(beforeLocal, "</processors>", snippet("mailetcontainer-processor.xml"));
    }

    /** As the document's {@code sed -i 's/…/…/' conf/jmap.properties}, run on each line of the file. */
    private static void turnJmapOff(Path conf) throws IOException {
        Matcher sed = SED.matcher(snippet("jmap.sh").strip());
        require(sed.matches(), "jmap.sh to be one sed substitution");
        edit(conf.resolve(sed.group(3)), text -> Pattern.compile(sed.group(1), Pattern.MULTILINE).matcher(text)
            .replaceAll(Matcher.quoteReplacement(sed.group(2))));
    }

    /** As the document says: {@code echo >> file; cat snippet >> file}. The stock files end without a newline. */
    private static void appendOnANewLine(Path file, String snippet) throws IOException {
        Files.writeString(file, Files.readString(file) + "\n" + snippet);
    }

    private static void createKeystore(Path home) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(Arrays.asList(snippet("keystore.sh").strip().split("\\s+")));
        require(command.get(0).equals("keytool"), "keystore.sh to run keytool");
        command.set(0, Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        Process keytool = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        require(keytool.waitFor() == 0, "keytool to succeed: " + output);
    }

    static void edit(Path file, java.util.function.UnaryOperator<String> edit) throws IOException {
        String before = Files.readString(file);
        String after = edit.apply(before);
        require(!after.equals(before), "an edit of " + file);
        Files.writeString(file, after);
    }

    private static String insertAfter(String text, String anchor, String inserted) {
        int at = text.indexOf(anchor);
        require(at >= 0, anchor);
        return text.substring(0, at + anchor.length()) + "\n" + inserted + text.substring(at + anchor.length());
    }

    private static String insertBefore(String text, String anchor, String inserted) {
        int at = text.indexOf(anchor);
        require(at >= 0, anchor);
        return text.substring(0, at) + inserted + text.substring(at);
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("The stock configuration no longer matches docs/deployment.md: expected " + what);
        }
    }
}
