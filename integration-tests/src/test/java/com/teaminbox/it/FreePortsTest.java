package com.teaminbox.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortsTest {
    @Test
    void reservedPortsShouldBeDistinctBindableAndOutsideTheKernelsEphemeralRange() throws Exception {
        List<Integer> ports = FreePorts.reserve(8);

        assertThat(ports).hasSize(8).doesNotHaveDuplicates()
            .allSatisfy(port -> assertThat(port).isBetween(10000, FreePorts.ephemeralLow() - 1));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
