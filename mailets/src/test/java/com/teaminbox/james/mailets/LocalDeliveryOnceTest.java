package com.teaminbox.james.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import javax.mail.MessagingException;

import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.Metric;
import org.apache.james.metrics.api.MetricFactory;
import org.apache.james.user.api.UsersRepository;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mailet's contract; what it adds to LocalDelivery is {@link AppendOnceTest}'s and DeliveredOnceIntegrationTest's. */
class LocalDeliveryOnceTest {
    private LocalDeliveryOnce mailet;

    @BeforeEach
    void setUp() {
        MetricFactory metrics = mock(MetricFactory.class);
        when(metrics.generate(anyString())).thenReturn(mock(Metric.class));
        mailet = new LocalDeliveryOnce(mock(UsersRepository.class), mock(MailboxManager.class), metrics);
    }

    @Test
    void anyParameterShouldBeRefusedNamingTheMailetTheParameterAndItsValue() {
        assertThatThrownBy(() -> mailet.init(config().setProperty("folder", "Support").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessage("Mailet delivery (com.teaminbox.james.mailets.LocalDeliveryOnce): parameter <folder> = 'Support': "
                + "unknown parameter; accepted: none");
    }

    @Test
    void jamesOwnErrorHandlingParameterShouldBeAcceptedAsLocalDeliveryAcceptsIt() throws Exception {
        mailet.init(config().setProperty("onMailetException", "propagate").build());

        assertThat(mailet.getMailetInfo()).contains("once");
    }

    private static FakeMailetConfig.Builder config() {
        return FakeMailetConfig.builder().mailetName("delivery").mailetContext(FakeMailContext.defaultContext());
    }
}
