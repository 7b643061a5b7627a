package com.teaminbox.it;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.utils.UserDefinedStartable;

/** An administrator who created support@ by hand, with a password, before installing TeamInbox. */
public class PreexistingSharedAccount implements UserDefinedStartable {
    public static final String KNOWN_PASSWORD = "known-to-the-old-admin";

    private final UsersRepository usersRepository;

    @Inject
    public PreexistingSharedAccount(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public void start() {
        try {
            usersRepository.addUser(Username.of("support@example.test"), KNOWN_PASSWORD);
            usersRepository.addUser(Username.of("outsider@example.test"), TeamInboxServer.PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
