package io.github.dockerbuild.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port that refuses connections for as long as this is open: a socket bound to it that
 * never listens. Picking a free port and closing it would let another listener take the port
 * before the test connects.
 */
public final class ClosedPort implements AutoCloseable {
  private final Socket socket = new Socket();

  public ClosedPort() throws IOException {
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  public int port() {
    return socket.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
