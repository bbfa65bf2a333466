package org.citewatch.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP server for faults no HTTP server library will commit: it answers every
 * connection with fixed bytes and hangs up, or (with {@link #unaccepting}) never accepts at all.
 */
final class RawServer implements AutoCloseable {

  private final ServerSocket socket;
  private final List<Socket> fillers = new ArrayList<>();

  private RawServer(ServerSocket socket) {
    this.socket = socket;
  }

  /** Sends {@code response} to each connection after reading its request head, then closes it. */
  static RawServer answering(byte[] response) throws IOException {
    return dribbling(response, 0);
  }

  /**
   * Sends {@code response} one byte every {@code intervalMillis}: never silent long enough for a
   * read timeout, yet slow enough to outlast a whole-call timeout.
   */
  static RawServer dribbling(byte[] response, long intervalMillis) throws IOException {
    RawServer server = new RawServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    Thread thread = new Thread(() -> server.serve(response, intervalMillis), "raw-server");
    thread.setDaemon(true);
    thread.start();
    return server;
  }

  /**
   * A listener whose accept queue is full and never drained: the kernel drops further SYNs, so a
   * client's connect times out, as against a host that has gone silent.
   */
  static RawServer unaccepting() throws IOException {
    RawServer server = new RawServer(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
    for (int i = 0; i < 2; i++) {
      Socket filler = new Socket();
      filler.connect(server.socket.getLocalSocketAddress(), 1000);
      server.fillers.add(filler);
    }
    return server;
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(byte[] response, long intervalMillis) {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        readHead(client.getInputStream());
        OutputStream out = client.getOutputStream();
        if (intervalMillis == 0) {
          out.write(response);
        }
        for (int i = 0; intervalMillis > 0 && i < response.length; i++) {
          out.write(response[i]);
          out.flush();
          Thread.sleep(intervalMillis);
        }
        out.flush();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        // the test closed the server, or the client gave up: either way, next connection
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int b; matched < 4 && (b = in.read()) != -1; ) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    for (Socket filler : fillers) {
      filler.close();
    }
    socket.close();
  }
}
