package com.teaminbox.demo;

/** Where a running demo listens, all on 127.0.0.1. */
public final class DemoPorts {
    private final int smtp;
    private final int submission;
    private final int imap;
    private final int webAdmin;

    public DemoPorts(int smtp, int submission, int imap, int webAdmin) {
        this.smtp = smtp;
        this.submission = submission;
        this.imap = imap;
        this.webAdmin = webAdmin;
    }

    public int smtp() {
        return smtp;
    }

    public int submission() {
        return submission;
    }

    public int imap() {
        return imap;
    }

    public int webAdmin() {
        return webAdmin;
    }

    @Override
    public String toString() {
        return "smtp=" + smtp + " submission=" + submission + " imap=" + imap + " webadmin=" + webAdmin;
    }
}
