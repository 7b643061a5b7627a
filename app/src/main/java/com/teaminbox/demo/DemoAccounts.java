package com.teaminbox.demo;

import java.util.List;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.apache.james.utils.UserDefinedStartable;

/**
 * The demo's people, created at start (the memory backend forgets them at stop). Listed before
 * the shared-mailbox provisioning in {@code extensions.properties}, so that members exist when
 * the configuration is checked.
 */
public class DemoAccounts implements UserDefinedStartable {
    public static final String PASSWORD = "demo";
    public static final List<String> USERS = List.of(
        "alice@example.test", "bob@example.test", "carol@example.test", "dave@example.test", "jane@customer.test");

    private final UsersRepository usersRepository;

    @Inject
    public DemoAccounts(UsersRepository usersRepository) {
        this.usersRepository = usersRepository;
    }

    @Override
    public void start() {
        try {
            for (String user : USERS) {
                Username username = Username.of(user);
                if (!usersRepository.contains(username)) {
                    usersRepository.addUser(username, PASSWORD);
                }
            }
        } catch (UsersRepositoryException e) {
            throw new IllegalStateException("Could not create the demo accounts", e);
        }
    }
}
