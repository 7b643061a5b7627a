package com.teaminbox.core.sla.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LifecycleKeywordChangeTest {
    @Test
    void theStoresOfAPollingClientShouldChangeNeitherKeyword() {
        assertThat(LifecycleKeywordChange.of("+\\Deleted").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("+\\Seen \\Flagged").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("-\\Seen").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("=\\Seen $Billing").none()).isTrue();
    }

    @Test
    void addingAKeywordShouldSetItAndRemovingItShouldRemoveIt() {
        assertThat(LifecycleKeywordChange.of("+$Resolved")).isEqualTo(new LifecycleKeywordChange(Optional.of(true), Optional.empty()));
        assertThat(LifecycleKeywordChange.of("-$Pending")).isEqualTo(new LifecycleKeywordChange(Optional.empty(), Optional.of(false)));
        assertThat(LifecycleKeywordChange.of("-\\Seen $Resolved $Pending"))
            .isEqualTo(new LifecycleKeywordChange(Optional.of(false), Optional.of(false)));
    }

    @Test
    void aReplaceNamingAKeywordShouldSetItAndOneLeavingItOutShouldNotBeReadAsRemovingIt() {
        assertThat(LifecycleKeywordChange.of("=\\Seen $Pending")).isEqualTo(new LifecycleKeywordChange(Optional.empty(), Optional.of(true)));
        assertThat(LifecycleKeywordChange.of("=\\Seen").none()).isTrue();
    }

    @Test
    void keywordsShouldBeComparedWithoutRegardToCase() {
        assertThat(LifecycleKeywordChange.of("+$resolved").resolved()).contains(true);
        assertThat(LifecycleKeywordChange.of("+$PENDING").pending()).contains(true);
    }

    @Test
    void aNameThatOnlyStartsOrEndsLikeAKeywordShouldNotCount() {
        assertThat(LifecycleKeywordChange.of("+$ResolvedLater").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("+X$Resolved").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("+$Pend").none()).isTrue();
    }

    @Test
    void emptyOrUnreadableFlagsShouldChangeNeither() {
        assertThat(LifecycleKeywordChange.of("").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("+").none()).isTrue();
        assertThat(LifecycleKeywordChange.of("$Resolved").none()).as("no mode").isTrue();
        assertThat(LifecycleKeywordChange.of("+  $Resolved ").resolved()).as("extra spaces").contains(true);
    }
}
