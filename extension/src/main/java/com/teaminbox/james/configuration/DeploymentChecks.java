package com.teaminbox.james.configuration;

import java.io.FileNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.commons.configuration2.tree.ImmutableNode;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.apache.james.utils.PropertiesProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.teaminbox.core.config.SharedMailboxesConfiguration;
import com.teaminbox.core.deployment.DeploymentProblem;
import com.teaminbox.core.deployment.DeploymentRefusedException;
import com.teaminbox.core.deployment.ExtensionRegistrationCheck;
import com.teaminbox.core.deployment.ImapServersCheck;
import com.teaminbox.core.deployment.JmapCheck;
import com.teaminbox.core.deployment.MailetPipelineCheck;
import com.teaminbox.core.deployment.MailetSetup;
import com.teaminbox.core.deployment.SmtpServerSetup;
import com.teaminbox.core.deployment.OutgoingCareCheck;
import com.teaminbox.core.deployment.SmtpServersCheck;

/**
 * Reads James's own configuration as James loaded it ({@code smtpserver.xml},
 * {@code mailetcontainer.xml}, {@code imapserver.xml}, {@code extensions.properties}, {@code jmap.properties}) and refuses
 * a start that would leave shared mailboxes ungoverned: the decisions are in
 * {@code com.teaminbox.core.deployment}. Only the SMTP part has an opt-out
 * ({@code <shared-mailboxes ungoverned-smtp-servers="allow">}), which logs each problem at WARN at
 * every start.
 */
public class DeploymentChecks {
    private static final Logger LOGGER = LoggerFactory.getLogger(DeploymentChecks.class);

    private final ConfigurationProvider configurationProvider;
    private final PropertiesProvider propertiesProvider;

    @Inject
    public DeploymentChecks(ConfigurationProvider configurationProvider, PropertiesProvider propertiesProvider) {
        this.configurationProvider = configurationProvider;
        this.propertiesProvider = propertiesProvider;
    }

    /** @throws DeploymentRefusedException naming each file, element, server and port, and the fix */
    public void enforce(SharedMailboxesConfiguration configuration) {
        List<DeploymentProblem> problems = new ArrayList<>();
        List<DeploymentProblem> smtp = SmtpServersCheck.problems(smtpServers());
        smtp.addAll(OutgoingCareCheck.problems(smtpServers(), configuration));
        if (configuration.ungovernedSmtpServersAllowed()) {
            smtp.forEach(problem -> LOGGER.warn("Allowed by ungoverned-smtp-servers=\"allow\" in shared-mailboxes.xml, "
                + "shared mailboxes are not protected here: {}", problem));
        } else {
            problems.addAll(smtp);
        }
        problems.addAll(MailetPipelineCheck.problems(mailets()));
        problems.addAll(imapProblems());
        problems.addAll(jmapProblems());
        ExtensionRegistrationCheck.problem(startables()).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new DeploymentRefusedException(problems);
        }
    }

    /** For our matcher's init: refuses a configuration that uses our mailets without our startable. */
    public void requireStartable() {
        ExtensionRegistrationCheck.problem(startables())
            .ifPresent(problem -> {
                throw new DeploymentRefusedException(List.of(problem));
            });
    }

    private List<SmtpServerSetup> smtpServers() {
        List<HierarchicalConfiguration<ImmutableNode>> servers = xml("smtpserver").configurationsAt("smtpserver");
        List<SmtpServerSetup> setups = new ArrayList<>();
        for (int index = 0; index < servers.size(); index++) {
            HierarchicalConfiguration<ImmutableNode> server = servers.get(index);
            if (!server.getBoolean("[@enabled]", true)) {
                continue;
            }
            setups.add(new SmtpServerSetup(
                server.getString("jmxName", "#" + (index + 1)),
                server.getString("bind", "?"),
                authAnnounced(server),
                server.getBoolean("auth.plainAuthEnabled", true) || !server.configurationsAt("auth.oidc").isEmpty(),
                strings(server, "handlerchain.handler[@class]")));
        }
        return setups;
    }

    /** As James 3.8.1's {@code SMTPServer} reads it: {@code auth.announce}, else the older {@code authRequired}. */
    private static boolean authAnnounced(HierarchicalConfiguration<ImmutableNode> server) {
        String announce = server.getString("auth.announce", null);
        if (announce != null) {
            return !announce.trim().equalsIgnoreCase("never");
        }
        String authRequired = server.getString("authRequired", "false").trim().toLowerCase(Locale.US);
        return authRequired.equals("true") || authRequired.equals("announce");
    }

    private List<MailetSetup> mailets() {
        List<MailetSetup> mailets = new ArrayList<>();
        for (HierarchicalConfiguration<ImmutableNode> processor : xml("mailetcontainer").configurationsAt("processors.processor")) {
            String state = processor.getString("[@state]", "");
            for (HierarchicalConfiguration<ImmutableNode> mailet : processor.configurationsAt("mailet")) {
                mailets.add(new MailetSetup(state, mailet.getString("[@match]", "All"), mailet.getString("[@class]", ""),
                    strings(mailet, "name")));
            }
        }
        return mailets;
    }

    private List<DeploymentProblem> imapProblems() {
        HierarchicalConfiguration<ImmutableNode> root = xml("imapserver");
        Map<String, List<String>> packagesByServer = new LinkedHashMap<>();
        List<HierarchicalConfiguration<ImmutableNode>> servers = root.configurationsAt("imapserver");
        for (int index = 0; index < servers.size(); index++) {
            HierarchicalConfiguration<ImmutableNode> server = servers.get(index);
            if (server.getBoolean("[@enabled]", true)) {
                packagesByServer.put(server.getString("jmxName", "#" + (index + 1)), strings(server, "imapPackages"));
            }
        }
        return ImapServersCheck.problems(strings(root, "imapPackages"), packagesByServer);
    }

    private List<DeploymentProblem> jmapProblems() {
        try {
            Configuration jmap = propertiesProvider.getConfiguration("jmap");
            return JmapCheck.problems(true, Optional.ofNullable(jmap.getString("enabled", null)));
        } catch (FileNotFoundException e) {
            return JmapCheck.problems(false, Optional.empty());
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Cannot read James's jmap.properties", e);
        }
    }

    private List<String> startables() {
        try {
            return strings(propertiesProvider.getConfiguration("extensions"), "guice.extension.startable");
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Cannot read James's extensions.properties", e);
        }
    }

    private HierarchicalConfiguration<ImmutableNode> xml(String component) {
        try {
            return configurationProvider.getConfiguration(component);
        } catch (ConfigurationException e) {
            throw new IllegalStateException("Cannot read James's " + component + ".xml", e);
        }
    }

    /** Every value of {@code key}, split at commas whatever list handling the file was read with. */
    private static List<String> strings(Configuration configuration, String key) {
        return configuration.getList(String.class, key, List.of()).stream()
            .flatMap(value -> Arrays.stream(value.split(",")))
            .map(String::trim)
            .filter(value -> !value.isEmpty())
            .collect(Collectors.toList());
    }
}
