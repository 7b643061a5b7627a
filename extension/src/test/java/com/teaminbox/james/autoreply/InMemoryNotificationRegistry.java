package com.teaminbox.james.autoreply;

import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.vacation.api.AccountId;
import org.apache.james.vacation.api.NotificationRegistry;
import org.apache.james.vacation.api.RecipientId;

import reactor.core.publisher.Mono;

/** A registry for unit tests, without expiry (the tests run within one day of a fixed clock). */
public final class InMemoryNotificationRegistry implements NotificationRegistry {
    private final Map<String, Optional<ZonedDateTime>> entries = new ConcurrentHashMap<>();

    @Override
    public Mono<Void> register(AccountId accountId, RecipientId recipientId, Optional<ZonedDateTime> expiryDate) {
        entries.put(key(accountId, recipientId), expiryDate);
        return Mono.empty();
    }

    @Override
    public Mono<Boolean> isRegistered(AccountId accountId, RecipientId recipientId) {
        return Mono.just(entries.containsKey(key(accountId, recipientId)));
    }

    @Override
    public Mono<Void> flush(AccountId accountId) {
        entries.keySet().removeIf(key -> key.startsWith(accountId.getIdentifier() + "|"));
        return Mono.empty();
    }

    private static String key(AccountId accountId, RecipientId recipientId) {
        return accountId.getIdentifier() + "|" + recipientId.getAsString();
    }
}
