package com.teaminbox.james.configuration;

import java.io.File;
import java.io.FileNotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.inject.Inject;
import javax.inject.Singleton;

import org.apache.james.filesystem.api.FileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.xml.ConfigurationException;
import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.config.SharedMailboxesConfigurationParser;
import com.teaminbox.core.config.xml.SourceLocation;

/**
 * Holds the configuration in force. It is read from {@code conf/shared-mailboxes.xml} of the
 * James server and parsed strictly; what it names that James does not have yet (a member's
 * account, a shared mailbox's domain) is logged at WARN, not refused (see
 * {@link JamesConfigurationChecks}). A refused file never replaces the one in force.
 */
@Singleton
public class SharedMailboxesConfigurationStore implements ConfigurationInForce {
    public static final String LOCATION = FileSystem.FILE_PROTOCOL_AND_CONF + SharedMailboxesConfigurationParser.DEFAULT_FILE_NAME;
    private static final Logger LOGGER = LoggerFactory.getLogger(SharedMailboxesConfigurationStore.class);

    private final FileSystem fileSystem;
    private final JamesConfigurationChecks checks;
    private volatile SharedMailboxesConfiguration current;
    private final List<Consumer<SharedMailboxesConfiguration>> loadListeners = new CopyOnWriteArrayList<>();

    @Inject
    public SharedMailboxesConfigurationStore(FileSystem fileSystem, JamesConfigurationChecks checks) {
        this.fileSystem = fileSystem;
        this.checks = checks;
    }

    @Override
    public SharedMailboxesConfiguration current() {
        SharedMailboxesConfiguration configuration = current;
        if (configuration == null) {
            return load();
        }
        return configuration;
    }

    @Override
    public Optional<SharedMailboxesConfiguration> inForce() {
        return Optional.ofNullable(current);
    }

    /**
     * Reads, validates and installs the file.
     *
     * @throws ConfigurationException naming file, line, element and reason; the configuration in force stays
     */
    public synchronized SharedMailboxesConfiguration load() {
        File file = locate();
        SharedMailboxesConfiguration candidate = new SharedMailboxesConfigurationParser().parse(file.toPath());
        List<ConfigurationProblem> problems = checks.problems(candidate);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        current = candidate;
        LOGGER.info("Loaded {}: {} shared mailbox(es)", file, candidate.sharedMailboxes().size());
        List<ConfigurationProblem> waiting = checks.waitingForJames(candidate);
        waiting.forEach(item -> LOGGER.warn("Waiting for James: {}", item));
        notifyLoaded(candidate);
        return candidate;
    }

    /** {@code listener} is told of every configuration installed from now on (open IMAP sessions are reviewed with it). */
    public void whenLoaded(Consumer<SharedMailboxesConfiguration> listener) {
        loadListeners.add(listener);
    }

    private void notifyLoaded(SharedMailboxesConfiguration configuration) {
        for (Consumer<SharedMailboxesConfiguration> listener : loadListeners) {
            try {
                listener.accept(configuration);
            } catch (RuntimeException e) {
                LOGGER.error("A listener failed on the new shared-mailbox configuration; it stays in force", e);
            }
        }
    }

    private File locate() {
        try {
            File file = fileSystem.getFile(LOCATION);
            if (!file.isFile()) {
                throw new FileNotFoundException(file.getAbsolutePath());
            }
            return file;
        } catch (FileNotFoundException e) {
            throw new ConfigurationException(SourceLocation.of(SharedMailboxesConfigurationParser.DEFAULT_FILE_NAME, 0, "shared-mailboxes")
                .problem("file not found (" + e.getMessage() + "); the TeamInbox extension is deployed but has no "
                    + "configuration: create that file (a minimal one is in docs/deployment.md, section 7; an empty "
                    + "<shared-mailboxes/> runs with no shared mailbox)"), e);
        }
    }
}
