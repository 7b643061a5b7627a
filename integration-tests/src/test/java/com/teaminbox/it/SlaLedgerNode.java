package com.teaminbox.it;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.apache.james.core.MailAddress;

import com.teaminbox.core.config.ConfigurationInForce;
import com.teaminbox.core.config.SharedMailbox;
import com.teaminbox.core.sla.TicketFact;
import com.teaminbox.james.sla.SlaLedger;

/**
 * One more reader and writer of the SLA ledgers, built by {@link SlaNodesProbe} with the server's
 * storage: what a second node of a cluster would see and do, without its listener or schedule.
 */
public class SlaLedgerNode {
    private final ConfigurationInForce configuration;
    private final SlaLedger ledger;

    @Inject
    public SlaLedgerNode(ConfigurationInForce configuration, SlaLedger ledger) {
        this.configuration = configuration;
        this.ledger = ledger;
    }

    public void record(String sharedAddress, List<TicketFact> facts) throws Exception {
        ledger.record(sharedMailbox(sharedAddress), facts);
    }

    /** The facts by ticket, as this node reads them now. */
    public Map<String, List<TicketFact>> facts(String sharedAddress) throws Exception {
        return ledger.snapshot(sharedMailbox(sharedAddress)).factsByTicket();
    }

    public int prune(String sharedAddress, Collection<String> tickets) throws Exception {
        return ledger.prune(sharedMailbox(sharedAddress), tickets);
    }

    private SharedMailbox sharedMailbox(String address) throws Exception {
        return configuration.current().find(new MailAddress(address)).orElseThrow();
    }
}
