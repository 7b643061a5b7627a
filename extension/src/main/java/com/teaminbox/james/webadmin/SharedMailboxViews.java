package com.teaminbox.james.webadmin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.teaminbox.core.mailbox.Member;
import com.teaminbox.core.config.SharedMailbox;

/** The JSON shapes of the WebAdmin routes, as ordered maps: what the configuration says. */
final class SharedMailboxViews {
    private SharedMailboxViews() {
    }

    /** One entry of {@code GET /shared-mailboxes}. */
    static Map<String, Object> summary(SharedMailbox sharedMailbox) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", sharedMailbox.address().asString());
        view.put("ticketPrefix", sharedMailbox.ticketPrefix().value());
        sharedMailbox.displayName().ifPresent(name -> view.put("displayName", name));
        view.put("members", sharedMailbox.members().stream()
            .map(SharedMailboxViews::memberAndRole)
            .collect(Collectors.toList()));
        return view;
    }

    private static Map<String, Object> memberAndRole(Member member) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", member.address().asString());
        view.put("role", member.role().name());
        return view;
    }

    /** A member as {@code GET /shared-mailboxes/{address}} shows them: role, its rights and send permission. */
    static Map<String, Object> member(Member member) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", member.address().asString());
        view.put("role", member.role().name());
        view.put("configuredRights", member.role().rights());
        view.put("sendPermission", member.role().sendPermission().xmlName());
        return view;
    }

    static List<Map<String, Object>> members(SharedMailbox sharedMailbox) {
        return sharedMailbox.members().stream().map(SharedMailboxViews::member).collect(Collectors.toList());
    }
}
