package com.teaminbox.james.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;

import com.teaminbox.core.deployment.DeploymentRefusedException;
import com.teaminbox.james.ConfigurationFixture;
import com.teaminbox.james.configuration.DeploymentChecks;

class RecipientIsSharedMailboxTest {
    private final DeploymentChecks deploymentChecks = mock(DeploymentChecks.class);
    private final RecipientIsSharedMailbox matcher = new RecipientIsSharedMailbox(
        ConfigurationFixture.configuration(ConfigurationFixture.support("", "")), deploymentChecks);

    @Test
    void shouldMatchOnlyTheRecipientsThatAreSharedMailboxes() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsSharedMailbox").build());

        assertThat(matcher.match(FakeMail.builder().name("mail")
                .recipients(new MailAddress("support@example.test"), new MailAddress("dave@example.test")).build()))
            .containsExactly(new MailAddress("support@example.test"));
    }

    @Test
    void initShouldRequireOurStartable() throws Exception {
        matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsSharedMailbox").build());

        verify(deploymentChecks).requireStartable();
    }

    @Test
    void initShouldFailWhenTheStartableIsMissing() {
        doThrow(new DeploymentRefusedException(List.of())).when(deploymentChecks).requireStartable();

        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsSharedMailbox").build()))
            .isInstanceOf(DeploymentRefusedException.class);
    }

    @Test
    void conditionShouldBeRefusedNamingIt() {
        assertThatThrownBy(() -> matcher.init(FakeMatcherConfig.builder().matcherName("RecipientIsSharedMailbox")
                .condition("support@example.test").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContainingAll("RecipientIsSharedMailbox", "takes no condition", "'support@example.test'");
    }
}
