package com.teaminbox.core.audit;

import java.util.List;

/** One page of search hits, oldest first, with the total to page through the rest. */
public final class AuditPage {
    private final List<AuditRecord> records;
    private final long totalHits;
    private final int page;
    private final int pageSize;

    AuditPage(List<AuditRecord> records, long totalHits, int page, int pageSize) {
        this.records = List.copyOf(records);
        this.totalHits = totalHits;
        this.page = page;
        this.pageSize = pageSize;
    }

    public List<AuditRecord> records() {
        return records;
    }

    public long totalHits() {
        return totalHits;
    }

    public int page() {
        return page;
    }

    public int pageSize() {
        return pageSize;
    }

    public long pageCount() {
        return (totalHits + pageSize - 1) / pageSize;
    }

    public boolean hasNextPage() {
        return page < pageCount();
    }

    @Override
    public String toString() {
        return "page " + page + " of " + pageCount() + " (" + totalHits + " records, " + pageSize + " a page)";
    }
}
