package com.teaminbox.core.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Addresses a webhook may not reach unless its endpoint says {@code allow-private-network="true"}:
 * a webhook URL is written by an administrator but the request leaves from the mail server, inside
 * the network, so a URL pointing at {@code 127.0.0.1:8000} (WebAdmin) or a cloud metadata
 * service ({@code 169.254.169.254}) would be a server-side request forgery.
 *
 * <p>Refused: unspecified, loopback (127/8, ::1), link-local (169.254/16, fe80::/10), private
 * (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), shared address space (100.64/10, RFC 6598),
 * multicast; IPv4-mapped IPv6 addresses count as their IPv4 address (Java maps them).
 */
public final class PrivateNetworks {
    private PrivateNetworks() {
    }

    /** Why {@code address} is not public; empty when it is. */
    public static Optional<String> kind(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64) {
            return Optional.of("shared address space (RFC 6598)");
        }
        if (address instanceof Inet4Address && (bytes[0] & 0xff) == 0) {
            return Optional.of("unspecified");
        }
        if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
            return Optional.of("private (unique local)");
        }
        return Optional.empty();
    }

    /**
     * What can be said of a URL's host without asking DNS: an IP literal is checked, and
     * {@code localhost} is loopback (RFC 6761). Other names are checked when the request is made,
     * on every address they resolve to.
     */
    public static Optional<String> kindOfLiteral(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of("loopback");
        }
        if (name.matches("[0-9.]+") || name.contains(":")) {
            try {
                // A literal: getByName does not ask DNS for it.
                return kind(InetAddress.getByName(name));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
