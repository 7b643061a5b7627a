package com.teaminbox.james.common;

import java.util.Properties;

import javax.mail.Session;

/**
 * The one javax.mail {@link Session} our code builds and parses messages with. Creating a session
 * reads javamail's provider files from every jar of James's class path: per mail, that was an
 * eighth of a loaded server's CPU. A session holds no per-message state, so one serves every thread.
 */
public final class MailSession {
    public static final Session SHARED = Session.getInstance(new Properties());

    private MailSession() {
    }
}
