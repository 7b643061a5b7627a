package com.teaminbox.core.rules;

import java.util.Objects;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.mailbox.FolderName;

/** What a matching rule does. Each kind is one XML element inside {@code <rule>}. */
public interface RuleAction {
    /** {@code <file-into folder="Billing"/>}: deliver into this folder instead of INBOX. */
    final class FileInto implements RuleAction {
        private final FolderName folder;

        public FileInto(FolderName folder) {
            this.folder = Objects.requireNonNull(folder);
        }

        public FolderName folder() {
            return folder;
        }

        @Override
        public String toString() {
            return "file-into " + folder;
        }
    }

    /** {@code <flag name="\Flagged"/>} or {@code \Seen}. */
    final class SetFlag implements RuleAction {
        /** The two system flags a rule may set. */
        public enum Flag {
            FLAGGED("\\Flagged"), SEEN("\\Seen");

            private final String imapName;

            Flag(String imapName) {
                this.imapName = imapName;
            }

            public String imapName() {
                return imapName;
            }
        }

        private final Flag flag;

        public SetFlag(Flag flag) {
            this.flag = Objects.requireNonNull(flag);
        }

        public Flag flag() {
            return flag;
        }

        @Override
        public String toString() {
            return "flag " + flag.imapName();
        }
    }

    /** {@code <keyword name="$Billing"/>}: an IMAP keyword on the stored message. */
    final class AddKeyword implements RuleAction {
        private final String keyword;

        public AddKeyword(String keyword) {
            this.keyword = Objects.requireNonNull(keyword);
        }

        public String keyword() {
            return keyword;
        }

        @Override
        public String toString() {
            return "keyword " + keyword;
        }
    }

    /** {@code <assign member="alice@example.test" notify="true"/>}: the keyword {@code $Assigned-alice}, and optionally a mail to her. */
    final class Assign implements RuleAction {
        private final MailAddress member;
        private final boolean notify;

        public Assign(MailAddress member, boolean notify) {
            this.member = Objects.requireNonNull(member);
            this.notify = notify;
        }

        public MailAddress member() {
            return member;
        }

        public boolean notifyMember() {
            return notify;
        }

        /** The keyword naming the assignee: IMAP keywords cannot hold '@', so the local part. */
        public String keyword() {
            return "$Assigned-" + member.getLocalPart().replaceAll("[^A-Za-z0-9_.-]", "_");
        }

        @Override
        public String toString() {
            return "assign " + member.asString() + (notify ? " (notify)" : "");
        }
    }

    /** {@code <set-header name="X-Priority" value="1"/>}. */
    final class SetHeader implements RuleAction {
        private final String name;
        private final String value;

        public SetHeader(String name, String value) {
            this.name = Objects.requireNonNull(name);
            this.value = Objects.requireNonNull(value);
        }

        public String name() {
            return name;
        }

        public String value() {
            return value;
        }

        @Override
        public String toString() {
            return "set-header " + name + ": " + value;
        }
    }

    /** {@code <remove-header name="X-Priority"/>}. */
    final class RemoveHeader implements RuleAction {
        private final String name;

        public RemoveHeader(String name) {
            this.name = Objects.requireNonNull(name);
        }

        public String name() {
            return name;
        }

        @Override
        public String toString() {
            return "remove-header " + name;
        }
    }

    /** {@code <junk/>}: deliver into Junk. */
    final class Junk implements RuleAction {
        @Override
        public String toString() {
            return "junk";
        }
    }

    /** {@code <notify address="boss@example.test"/>}: a notification mail about this one. */
    final class Notify implements RuleAction {
        private final MailAddress address;

        public Notify(MailAddress address) {
            this.address = Objects.requireNonNull(address);
        }

        public MailAddress address() {
            return address;
        }

        @Override
        public String toString() {
            return "notify " + address.asString();
        }
    }

    /** {@code <autoresponse template="billing"/>}: the acknowledgement template to use. */
    final class UseTemplate implements RuleAction {
        private final String template;

        public UseTemplate(String template) {
            this.template = Objects.requireNonNull(template);
        }

        public String template() {
            return template;
        }

        @Override
        public String toString() {
            return "autoresponse " + template;
        }
    }

    /** {@code <stop/>}: no later rule applies. */
    final class Stop implements RuleAction {
        @Override
        public String toString() {
            return "stop";
        }
    }

    /** {@code <webhook endpoint="chat"/>}: a {@code rule.matched} event to that endpoint of the mailbox's {@code <webhooks>}. */
    final class Webhook implements RuleAction {
        private final String endpoint;

        public Webhook(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint);
        }

        public String endpoint() {
            return endpoint;
        }

        @Override
        public String toString() {
            return "webhook " + endpoint;
        }
    }
}
