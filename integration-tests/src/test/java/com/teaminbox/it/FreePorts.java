package com.teaminbox.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for a server a test starts later, in another process or from a configuration file
 * (a server that binds port 0 itself needs none of this).
 *
 * <p>Why not {@code new ServerSocket(0)}: the kernel picks such a port in its ephemeral range,
 * where it also picks the local port of every outgoing connection and of every other server
 * binding port 0. Between our close and the server's bind (a JVM start, seconds), the suite's
 * other fork opens thousands of connections: one of them took the port once and James stopped
 * with "Address already in use". Ports below that range are handed out by nobody but us; each
 * is still checked free by binding it, all held together so that none is returned twice.
 */
final class FreePorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the ephemeral range, if the system does not say. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32768;
    private static final int LOWEST = 10000;
    private static final int ATTEMPTS = 1000;

    private FreePorts() {
    }

    /** {@code count} distinct ports on 127.0.0.1, free when returned, outside the ephemeral range. */
    static List<Integer> reserve(int count) {
        int highest = ephemeralLow() - 1;
        Set<Integer> ports = new LinkedHashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int attempt = 0; attempt < ATTEMPTS && ports.size() < count; attempt++) {
                int candidate = ThreadLocalRandom.current().nextInt(LOWEST, highest + 1);
                if (ports.contains(candidate)) {
                    continue;
                }
                bound(candidate).ifPresent(socket -> {
                    held.add(socket);
                    ports.add(socket.getLocalPort());
                });
            }
        } finally {
            held.forEach(FreePorts::close);
        }
        if (ports.size() < count) {
            throw new IllegalStateException("Found " + ports.size() + " free ports of " + count + " between " + LOWEST + " and " + highest);
        }
        return List.copyOf(ports);
    }

    /** Read by line: {@code Files.readString} on this /proc file returned a truncated text here (it trusts the reported size). */
    static int ephemeralLow() {
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            int low = Integer.parseInt(reader.readLine().strip().split("\\s+")[0]);
            return low > LOWEST + 1000 ? low : DEFAULT_EPHEMERAL_LOW;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
    }

    private static Optional<ServerSocket> bound(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return Optional.of(socket);
            } catch (IOException taken) {
                close(socket);
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void close(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing a listening socket we opened: nothing to recover.
        }
    }
}
