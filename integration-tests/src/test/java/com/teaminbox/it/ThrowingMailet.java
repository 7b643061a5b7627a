package com.teaminbox.it;

import javax.mail.MessagingException;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

import com.teaminbox.james.common.MessageHeaders;

/**
 * A mailet that fails on purpose, as one of ours would when storage is down: throws for every
 * mail whose subject contains {@value #TRIGGER}, passes the others on.
 * <pre>{@code
 * <mailet match="All" class="com.teaminbox.it.ThrowingMailet"/>
 * }</pre>
 */
public class ThrowingMailet extends GenericMailet {
    public static final String TRIGGER = "explode";

    @Override
    public void service(Mail mail) throws MessagingException {
        if (MessageHeaders.subject(mail.getMessage()).contains(TRIGGER)) {
            throw new MessagingException("Failing on purpose for " + mail.getName());
        }
    }
}
