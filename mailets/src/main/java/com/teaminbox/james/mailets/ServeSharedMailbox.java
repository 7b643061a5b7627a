package com.teaminbox.james.mailets;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.mailetcontainer.impl.ProcessorUtil;
import org.apache.james.transport.mailets.AddDeliveredToHeader;
import org.apache.mailet.Mail;
import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;
import org.apache.mailet.base.GenericMailet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a mail for a shared mailbox in one James step: the six mailets of the
 * {@code shared-mailbox} processor, in their order, with the mail read once for all of them.
 * <pre>{@code
 * <processor state="shared-mailbox" enableJmx="false">
 *     <mailet match="All" class="com.teaminbox.james.mailets.ServeSharedMailbox"/>
 * </processor>
 * }</pre>
 * does what these do:
 * <pre>{@code
 * <processor state="shared-mailbox" enableJmx="false">
 *     <mailet match="All" class="com.teaminbox.james.mailets.SplitPerSharedMailbox"/>
 *     <mailet match="All" class="com.teaminbox.james.mailets.AssignTicket"/>
 *     <mailet match="All" class="com.teaminbox.james.mailets.ApplyRules"/>
 *     <mailet match="All" class="com.teaminbox.james.mailets.Acknowledge"/>
 *     <mailet match="All" class="AddDeliveredToHeader"/>
 *     <mailet match="All" class="com.teaminbox.james.mailets.LocalDeliveryOnce"/>
 * </processor>
 * }</pre>
 * Each part is that mailet itself, given the same view of the mail ({@link MailView}): its
 * grouping of the recipients, subject and Message-ID are read once, not once per mailet. Between
 * two parts, this mailet does what James's mailet container does between two steps (issue 18: its
 * matcher split, log context and metrics cost about 20 µs a step): a mail left without recipients
 * becomes a ghost; a mail whose state a part changed (a ghost, another processor) goes no further
 * here, and James sends it on; a part that throws sends the mail where James would have, with the
 * same state, error message and {@code org.apache.james.MailetException} attribute naming that
 * part (James's own {@code ProcessorUtil}), or, under {@code onMailetException="ignore"}, goes on
 * to the next part.
 *
 * <p>Parameters: {@code processor} (optional) as {@link SplitPerSharedMailbox}'s; James's
 * {@code onMailetException} applies to every part and, as for {@link LocalDeliveryOnce}, names
 * where a recipient whose delivery keeps failing goes.
 */
public class ServeSharedMailbox extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(ServeSharedMailbox.class);
    private static final String ON_MAILET_EXCEPTION = "onMailetException";
    /** Each part's name as James names a mailet, by its class attribute: what error messages and logs say failed. */
    static final String SPLIT = "com.teaminbox.james.mailets.SplitPerSharedMailbox";
    static final String ASSIGN_TICKET = "com.teaminbox.james.mailets.AssignTicket";
    static final String APPLY_RULES = "com.teaminbox.james.mailets.ApplyRules";
    static final String ACKNOWLEDGE = "com.teaminbox.james.mailets.Acknowledge";
    static final String DELIVERED_TO = "AddDeliveredToHeader";
    static final String DELIVERY = "com.teaminbox.james.mailets.LocalDeliveryOnce";
    /** The mailets this step runs, in their order, as a {@code shared-mailbox} processor of six steps names them. */
    public static final List<String> PARTS = List.of(SPLIT, ASSIGN_TICKET, APPLY_RULES, ACKNOWLEDGE, DELIVERED_TO, DELIVERY);

    private final SplitPerSharedMailbox split;
    private final AssignTicket assignTicket;
    private final ApplyRules applyRules;
    private final Acknowledge acknowledge;
    private final AddDeliveredToHeader deliveredTo = new AddDeliveredToHeader();
    private final LocalDeliveryOnce delivery;
    /** James's reading of the parameter: trimmed, lower case, "error" without one. */
    private String onMailetException = Mail.ERROR;

    @Inject
    public ServeSharedMailbox(SplitPerSharedMailbox split, AssignTicket assignTicket, ApplyRules applyRules, Acknowledge acknowledge,
                              LocalDeliveryOnce delivery) {
        this.split = split;
        this.assignTicket = assignTicket;
        this.applyRules = applyRules;
        this.acknowledge = acknowledge;
        this.delivery = delivery;
    }

    @Override
    public void init() throws MessagingException {
        MailetParameters.of(this, Set.of(SplitPerSharedMailbox.PROCESSOR));
        String given = getInitParameter(ON_MAILET_EXCEPTION);
        onMailetException = given == null ? Mail.ERROR : given.trim().toLowerCase(Locale.US);
        // Each part gets what it would get as a mailet of its own (and checks it so): the processor to split to,
        // where a recipient whose delivery keeps failing goes.
        String processor = getInitParameter(SplitPerSharedMailbox.PROCESSOR);
        split.init(new PartConfig(SPLIT, getMailetContext(),
            processor == null ? Map.of() : Map.of(SplitPerSharedMailbox.PROCESSOR, processor)));
        assignTicket.init(new PartConfig(ASSIGN_TICKET, getMailetContext(), Map.of()));
        applyRules.init(new PartConfig(APPLY_RULES, getMailetContext(), Map.of()));
        acknowledge.init(new PartConfig(ACKNOWLEDGE, getMailetContext(), Map.of()));
        deliveredTo.init(new PartConfig(DELIVERED_TO, getMailetContext(), Map.of()));
        delivery.init(new PartConfig(DELIVERY, getMailetContext(),
            given == null ? Map.of() : Map.of(ON_MAILET_EXCEPTION, given)));
    }

    /**
     * The parts in the processor's order. Plain calls, no list of lambdas: every mail for a shared
     * mailbox runs this, mostly at the first compiler's tier (issue 18).
     */
    @Override
    public void service(Mail mail) throws MessagingException {
        String state = mail.getState();
        MailView view = MailView.of(mail);
        try {
            split.serve(mail, view);
        } catch (Exception | NoClassDefFoundError failure) {
            failed(SPLIT, mail, failure);
        }
        if (goesNoFurther(mail, state)) {
            return;
        }
        try {
            assignTicket.serve(mail, view);
        } catch (Exception | NoClassDefFoundError failure) {
            failed(ASSIGN_TICKET, mail, failure);
        }
        if (goesNoFurther(mail, state)) {
            return;
        }
        try {
            applyRules.serve(mail, view);
        } catch (Exception | NoClassDefFoundError failure) {
            failed(APPLY_RULES, mail, failure);
        }
        if (goesNoFurther(mail, state)) {
            return;
        }
        try {
            acknowledge.serve(mail, view);
        } catch (Exception | NoClassDefFoundError failure) {
            failed(ACKNOWLEDGE, mail, failure);
        }
        if (goesNoFurther(mail, state)) {
            return;
        }
        try {
            deliveredTo.service(mail);
        } catch (Exception | NoClassDefFoundError failure) {
            failed(DELIVERED_TO, mail, failure);
        }
        if (goesNoFurther(mail, state)) {
            return;
        }
        try {
            delivery.service(mail);
        } catch (Exception | NoClassDefFoundError failure) {
            failed(DELIVERY, mail, failure);
        }
        goesNoFurther(mail, state);
    }

    /**
     * What James's container does after each mailet: no recipient left makes the mail a ghost
     * ({@code ProcessorImpl}); a mail no longer in this processor's state leaves it
     * ({@code MailetProcessorImpl}), James routing it once this step ends.
     */
    private static boolean goesNoFurther(Mail mail, String state) {
        if (mail.getRecipients().isEmpty()) {
            mail.setState(Mail.GHOST);
        }
        return !state.equals(mail.getState());
    }

    /** James's {@code ProcessorImpl} on a mailet that throws, naming the part as its own step would have been named. */
    private void failed(String name, Mail mail, Throwable failure) throws MessagingException {
        if (onMailetException.equals("ignore")) {
            LOGGER.warn("Encountered error while executing mailet {}. Ignoring it.", name, failure);
            return;
        }
        if (onMailetException.equals("propagate")) {
            if (failure instanceof MessagingException messaging) {
                throw messaging;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new MessagingException("Exception calling " + name, (Exception) failure);
        }
        ProcessorUtil.handleException(failure, mail, name, onMailetException, LOGGER);
    }

    @Override
    public void destroy() {
        delivery.destroy();
        deliveredTo.destroy();
        acknowledge.destroy();
        applyRules.destroy();
        assignTicket.destroy();
        split.destroy();
    }

    @Override
    public String getMailetInfo() {
        return "The shared-mailbox processor in one step: split, ticket, rules, acknowledgement, Delivered-To, delivery once";
    }

    /** A part's configuration: the name its own step would have, this mailet's context, the parameters it reads. */
    private record PartConfig(String name, MailetContext context, Map<String, String> parameters) implements MailetConfig {
        @Override
        public String getInitParameter(String parameter) {
            return parameters.get(parameter);
        }

        @Override
        public Iterator<String> getInitParameterNames() {
            return Collections.unmodifiableSet(parameters.keySet()).iterator();
        }

        @Override
        public MailetContext getMailetContext() {
            return context;
        }

        @Override
        public String getMailetName() {
            return name;
        }
    }
}
