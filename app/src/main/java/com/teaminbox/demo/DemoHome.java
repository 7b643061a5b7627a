package com.teaminbox.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The demo server's working directory: {@code conf/} written from the demo configuration we
 * ship, and {@code extensions-jars/} holding the deployable bundle, as on a real James server.
 */
public final class DemoHome {
    static final List<String> CONFIGURATION_FILES = List.of(
        "domainlist.xml", "dnsservice.xml", "extensions.properties", "imapserver.xml", "listeners.xml",
        "lmtpserver.xml", "logback.xml", "mailetcontainer.xml", "mailrepositorystore.xml", "managesieveserver.xml",
        "pop3server.xml", "shared-mailboxes.xml", "shared-mailboxes.xsd", "smtpserver.xml", "usersrepository.xml",
        "webadmin.properties",
        "acknowledgements/support-en.txt", "acknowledgements/support-en.html", "acknowledgements/support-fr.txt",
        "acknowledgements/support-out-of-hours-en.txt", "acknowledgements/support-out-of-hours-fr.txt",
        "acknowledgements/sales-en.txt", "acknowledgements/sales-fr.txt");

    private final Path root;

    private DemoHome(Path root) {
        this.root = root;
    }

    /**
     * Writes a fresh {@code conf/} into {@code root}.
     *
     * @param randomPorts listen on ports the system picks (tests run side by side) instead of 2525, 5587, 1143, 8000
     */
    public static DemoHome prepare(Path root, boolean randomPorts) {
        try {
            Path conf = Files.createDirectories(root.resolve("conf"));
            for (String name : CONFIGURATION_FILES) {
                // Our lines come from conf/james/, the fragments administrators merge: see DemoJamesFiles.
                String content = DemoJamesFiles.fromClassPath(name);
                Files.createDirectories(conf.resolve(name).getParent());
                Files.writeString(conf.resolve(name), randomPorts ? withRandomPorts(content) : content);
            }
            return new DemoHome(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the demo directory " + root, e);
        }
    }

    /** Port 0 asks the system for a free port; the demo prints the ports it got. */
    static String withRandomPorts(String content) {
        return content.replaceAll("<bind>127\\.0\\.0\\.1:\\d+</bind>", "<bind>127.0.0.1:0</bind>")
            .replaceAll("(?m)^port=\\d+$", "port=0");
    }

    /** Copies every jar of {@code source} into {@code extensions-jars/}, where James's extension class loader looks. */
    public DemoHome withExtensionsFrom(Path source) {
        try {
            Path target = Files.createDirectories(root.resolve("extensions-jars"));
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(source, "*.jar")) {
                for (Path jar : jars) {
                    Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the extension bundle from " + source, e);
        }
    }

    /** Replaces the demo's shared-mailboxes.xml, for tests of other configurations. */
    public DemoHome withSharedMailboxes(String xml) {
        return withConfigurationFile("shared-mailboxes.xml", xml);
    }

    /** Replaces (or adds) one file of {@code conf/}. */
    public DemoHome withConfigurationFile(String name, String content) {
        try {
            Files.writeString(configurationFile(name), content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + name, e);
        }
    }

    /** Replaces files of {@code conf/} with every file of {@code directory} (same names). */
    public DemoHome withConfigurationFilesFrom(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
            for (Path file : files) {
                withConfigurationFile(file.getFileName().toString(), Files.readString(file));
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration overrides in " + directory, e);
        }
    }

    /** Uses an administrator's own file instead of the demo's shared-mailboxes.xml. */
    public DemoHome withSharedMailboxesFrom(Path file) {
        try {
            return withSharedMailboxes(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public Path configurationFile(String name) {
        return root.resolve("conf").resolve(name);
    }

    public Path root() {
        return root;
    }
}
