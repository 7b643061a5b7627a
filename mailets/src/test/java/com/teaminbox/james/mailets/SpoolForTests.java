package com.teaminbox.james.mailets;

import static org.mockito.Mockito.mock;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.james.dnsservice.api.DNSService;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.mailetcontainer.api.LocalResources;
import org.apache.james.mailetcontainer.impl.JamesMailetContext;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.queue.memory.MemoryMailQueueFactory;

/** James's mailet context over James's memory spool, as the memory server wires them; DNS and domains stand-ins (unused by sendMail). */
final class SpoolForTests {
    final MemoryMailQueueFactory.MemoryCacheableMailQueue spool;
    final JamesMailetContext context;

    SpoolForTests() throws Exception {
        MemoryMailQueueFactory queues = new MemoryMailQueueFactory(new RawMailQueueItemDecoratorFactory());
        context = new JamesMailetContext(mock(DNSService.class), mock(DomainList.class), mock(LocalResources.class), queues);
        BaseHierarchicalConfiguration configuration = new BaseHierarchicalConfiguration();
        configuration.addProperty("postmaster", "postmaster@example.test");
        context.configure(configuration);
        spool = queues.getQueue(MailQueueFactory.SPOOL).orElseThrow();
    }
}
