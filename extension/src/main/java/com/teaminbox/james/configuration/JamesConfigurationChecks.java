package com.teaminbox.james.configuration;

import java.util.ArrayList;
import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;

import com.teaminbox.core.config.ConfigurationProblem;
import com.teaminbox.core.config.Member;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.config.SharedMailboxesConfiguration;

/**
 * What only the running server can tell about a configuration: a shared mailbox must live in a
 * domain James serves, and every member must be an existing James account.
 */
public class JamesConfigurationChecks {
    private final DomainList domainList;
    private final UsersRepository usersRepository;

    @Inject
    public JamesConfigurationChecks(DomainList domainList, UsersRepository usersRepository) {
        this.domainList = domainList;
        this.usersRepository = usersRepository;
    }

    public List<ConfigurationProblem> problems(SharedMailboxesConfiguration configuration) {
        List<ConfigurationProblem> problems = new ArrayList<>();
        for (SharedMailbox mailbox : configuration.sharedMailboxes()) {
            if (!isLocal(mailbox.address())) {
                problems.add(mailbox.location().problem("address '" + mailbox.address().asString()
                    + "' is not in a local domain; add '" + mailbox.address().getDomain().asString()
                    + "' to James's domains (domainlist.xml or WebAdmin) or use a local address"));
            }
            for (Member member : mailbox.members()) {
                if (!isExistingUser(member.address())) {
                    problems.add(member.location().problem("address '" + member.address().asString()
                        + "' is not a James user; create the account first (WebAdmin PUT /users/"
                        + member.address().asString() + ")"));
                }
            }
        }
        return problems;
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
            return usersRepository.contains(usersRepository.getUsername(address));
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("Cannot read James's users repository", e);
        }
    }
}
