package com.teaminbox.james.configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.inject.Inject;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import com.teaminbox.core.config.xml.ConfigurationProblem;
import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * What only the running server can tell about a configuration. A member of another domain than
 * the shared mailbox's is refused ({@link #problems}). Whether a shared mailbox's domain is
 * served, and whether each member has a James account, do not refuse the file: on a new
 * installation, and at every start of a memory server, accounts and domains are created over
 * WebAdmin, which needs James running. So each is reported as waiting for James (log, WebAdmin
 * review, audit) and takes effect once James has it: a member as soon as their account exists
 * (their ACL entries are written anyway), a shared mailbox at the next reload or start after its
 * domain is added.
 */
public class JamesConfigurationChecks {
    private final DomainList domainList;
    private final UsersRepository usersRepository;

    @Inject
    public JamesConfigurationChecks(DomainList domainList, UsersRepository usersRepository) {
        this.domainList = domainList;
        this.usersRepository = usersRepository;
    }

    /**
     * What James can never accept: a member of another domain than the shared mailbox's (James
     * 3.8.1's {@code StoreRightManager} refuses ACL entries across domains, so provisioning would
     * fail at every start).
     */
    public List<ConfigurationProblem> problems(SharedMailboxesConfiguration configuration) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (SharedMailbox mailbox : configuration.sharedMailboxes()) {
            Optional<Domain> domain = username(mailbox.address()).getDomainPart();
            for (Member member : mailbox.members()) {
                if (!username(member.address()).getDomainPart().equals(domain)) {
                    problems.add(member.location().problem("address '" + member.address().asString()
                        + "' is not in the domain of " + mailbox.address().asString() + ": James 3.8.1 refuses rights "
                        + "across domains; use the member's account in " + mailbox.address().getDomain().asString()));
                }
            }
        }
        return problems;
    }

    /** What the configuration names that James does not have yet, each at its file:line. */
    public List<ConfigurationProblem> waitingForJames(SharedMailboxesConfiguration configuration) {
        List<ConfigurationProblem> waiting = new ArrayList<>();
        configuration.sharedMailboxes().forEach(mailbox -> waiting.addAll(waitingForJames(mailbox)));
        return waiting;
    }

    public List<ConfigurationProblem> waitingForJames(SharedMailbox mailbox) {
        List<ConfigurationProblem> waiting = new ArrayList<>();
        if (!isServed(mailbox)) {
            String domain = mailbox.address().getDomain().asString();
            waiting.add(mailbox.location().problem("address '" + mailbox.address().asString()
                + "' is not in a domain James serves yet: not provisioned; add '" + domain
                + "' (WebAdmin PUT /domains/" + domain + ", or domainlist.xml), then reload (POST /shared-mailboxes/reload)"));
        }
        for (Member member : mailbox.members()) {
            if (!isExistingUser(member.address())) {
                waiting.add(member.location().problem("address '" + member.address().asString()
                    + "' is not a James user yet: their rights take effect as soon as the account exists (WebAdmin PUT /users/"
                    + member.address().asString() + ")"));
            }
        }
        return waiting;
    }

    /** Whether James serves the shared mailbox's domain, so that its account can be created. */
    public boolean isServed(SharedMailbox mailbox) {
        return isLocal(mailbox.address());
    }

    private boolean isLocal(MailAddress address) {
        try {
            return domainList.containsDomain(address.getDomain());
        } catch (DomainListException e) {
            throw new IllegalStateException("Cannot read James's domain list", e);
        }
    }

    private boolean isExistingUser(MailAddress address) {
        try {
            return usersRepository.contains(username(address));
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("Cannot read James's users repository", e);
        }
    }

    private Username username(MailAddress address) {
        try {
            return usersRepository.getUsername(address);
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("Cannot read James's users repository", e);
        }
    }
}
