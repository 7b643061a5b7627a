package com.teaminbox.core.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The network a remote address is throttled as. An IPv6 host is usually given a whole /64 (RFC
 * 6177), so it could try a new address for every attempt: IPv6 addresses are counted by their /64
 * prefix. IPv4 addresses, and IPv4-mapped IPv6 ones, are counted one by one; anything else (a
 * name, "unknown") as written.
 */
public final class ThrottledNetwork {
    private static final int IPV6_PREFIX_BYTES = 8;

    private ThrottledNetwork() {
    }

    public static String of(String address) {
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        // Only a literal with ':' is parsed: InetAddress never resolves such a string through DNS.
        if (literal.indexOf(':') < 0) {
            return address;
        }
        InetAddress parsed;
        try {
            parsed = InetAddress.getByName(literal);
        } catch (UnknownHostException | SecurityException e) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        if (bytes.length != 16) {
            return parsed.getHostAddress();
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < IPV6_PREFIX_BYTES; i += 2) {
            prefix.append(String.format(Locale.ROOT, "%x:", ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        }
        return prefix.append(":/64").toString();
    }
}
