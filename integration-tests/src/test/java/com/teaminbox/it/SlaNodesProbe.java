package com.teaminbox.it;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.Flags;

import org.apache.james.core.Username;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.mailbox.MailboxSession;
import org.apache.james.mailbox.MessageManager;
import org.apache.james.mailbox.exception.MailboxException;
import org.apache.james.mailbox.exception.MailboxNotFoundException;
import org.apache.james.mailbox.model.FetchGroup;
import org.apache.james.mailbox.model.Header;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.MessageRange;
import org.apache.james.mailbox.model.MessageResultIterator;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.apache.james.utils.ClassName;
import org.apache.james.utils.GuiceGenericLoader;
import org.apache.james.utils.GuiceProbe;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import com.teaminbox.james.sla.SlaLedger;
import com.teaminbox.james.sla.SlaSchedule;

import reactor.core.publisher.Mono;

/**
 * More SLA schedules in a running server, built by James's extension loader with the server's
 * own singletons: each one is a node as a cluster would run it, all on one storage, since the
 * schedule keeps no state of its own (the ledger folder holds it all).
 */
public class SlaNodesProbe implements GuiceProbe {
    public static final AbstractModule MODULE = new AbstractModule() {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), GuiceProbe.class).addBinding().to(SlaNodesProbe.class);
        }
    };

    /** Where the ledger writes its facts since 2026-12-07: annotations of its folder under this key. */
    private static final MailboxAnnotationKey FACTS = new MailboxAnnotationKey("/private/vendor/teaminbox/slaledger");

    private final GuiceGenericLoader loader;
    private final MailboxManager mailboxManager;
    private final MailboxSessionMapperFactory mappers;

    @Inject
    public SlaNodesProbe(GuiceGenericLoader loader, MailboxManager mailboxManager, MailboxSessionMapperFactory mappers) {
        this.loader = loader;
        this.mailboxManager = mailboxManager;
        this.mappers = mappers;
    }

    /** The ledger folder's annotations holding facts (one per burst the listener wrote). */
    public List<MailboxAnnotation> ledgerAnnotations(String sharedAddress) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedAddress));
        try {
            MessageManager ledger = mailboxManager.getMailbox(MailboxPath.forUser(session.getUser(), SlaLedger.LEDGER_FOLDER), session);
            AnnotationMapper mapper = mappers.getAnnotationMapper(session);
            return mapper.execute(() -> mapper.getAnnotationsByKeysWithAllDepth(ledger.getId(), Set.of(FACTS)));
        } catch (MailboxNotFoundException e) {
            return List.of();
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** How many facts of this kind the shared account's ledger holds (any format): the listener writes them after the record. */
    public int ledgerFacts(String sharedAddress, String kind) throws MailboxException {
        int count = 0;
        for (MailboxAnnotation annotation : ledgerAnnotations(sharedAddress)) {
            // one line per fact: "ticket=SUP-1 kind=opened at=…"
            for (String line : annotation.getValue().orElse("").split("\n")) {
                if (List.of(line.strip().split("\\s+")).contains("kind=" + kind)) {
                    count++;
                }
            }
        }
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedAddress));
        try {
            MessageResultIterator results = mailboxManager.getMailbox(MailboxPath.forUser(session.getUser(), SlaLedger.LEDGER_FOLDER), session)
                .getMessages(MessageRange.all(), FetchGroup.HEADERS, session);
            while (results.hasNext()) {
                Iterator<Header> headers = results.next().getHeaders().headers();
                while (headers.hasNext()) {
                    Header header = headers.next();
                    if (header.getName().equalsIgnoreCase("X-Sla-Fact") && header.getValue().strip().equals(kind)) {
                        count++;
                    }
                    // several facts per message: one header each, "ticket=SUP-1 kind=opened at=…"
                    if (header.getName().equalsIgnoreCase("X-Sla-Entry") && List.of(header.getValue().strip().split("\\s+")).contains("kind=" + kind)) {
                        count++;
                    }
                }
            }
        } catch (MailboxNotFoundException e) {
            return 0;
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
        return count;
    }

    /** How many messages the shared account's ledger holds. */
    public int ledgerMessages(String sharedAddress) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedAddress));
        try {
            return (int) mailboxManager.getMailbox(MailboxPath.forUser(session.getUser(), SlaLedger.LEDGER_FOLDER), session)
                .getMessageCount(session);
        } catch (MailboxNotFoundException e) {
            return 0;
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Appends this message to the shared account's ledger as it is, creating the folder if needed: what an older version wrote. */
    public void appendToLedger(String sharedAddress, String message) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedAddress));
        try {
            MailboxPath path = MailboxPath.forUser(session.getUser(), SlaLedger.LEDGER_FOLDER);
            if (!Boolean.TRUE.equals(Mono.from(mailboxManager.mailboxExists(path, session)).block())) {
                mailboxManager.createMailbox(path, session);
            }
            mailboxManager.getMailbox(path, session).appendMessage(MessageManager.AppendCommand.builder()
                .build(message.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)), session);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /**
     * Adds {@code keyword} to every message of {@code folder} through the mailbox layer, as a way
     * that leaves no audit record would (JMAP, an administrator's tool, the account's own session).
     */
    public void addKeyword(String sharedAddress, String folder, String keyword) throws MailboxException {
        MailboxSession session = mailboxManager.createSystemSession(Username.of(sharedAddress));
        try {
            mailboxManager.getMailbox(MailboxPath.forUser(session.getUser(), folder), session)
                .setFlags(new Flags(keyword), MessageManager.FlagsUpdateMode.ADD, MessageRange.all(), session);
        } finally {
            mailboxManager.endProcessingRequest(session);
        }
    }

    /** Another node's ledger reader and writer, with its own view of the folders. */
    public SlaLedgerNode ledgerNode() throws Exception {
        return loader.instantiate(new ClassName(SlaLedgerNode.class.getName()));
    }

    /** A started schedule; the caller stops it. */
    public SlaSchedule startNode() throws Exception {
        SlaSchedule schedule = loader.instantiate(new ClassName(SlaSchedule.class.getName()));
        schedule.start();
        return schedule;
    }
}
