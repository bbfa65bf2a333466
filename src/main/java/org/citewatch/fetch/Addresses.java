package org.citewatch.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where a host's addresses lie: on this machine or a private network, or on the internet. A public
 * official page that redirects citewatch to 127.0.0.1, 10.x or 169.254.169.254 would have it fetch
 * and archive what only this machine can reach (a cloud's metadata, an admin page).
 */
final class Addresses {

  /** Resolves a host name, as the connection will: the JDK's resolver unless a test gives another. */
  @FunctionalInterface
  interface Resolver {
    List<InetAddress> lookup(String host) throws UnknownHostException;
  }

  static final Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

  private Addresses() {}

  /** Loopback, private (RFC 1918, unique-local fc00::/7), link-local, or the unspecified address. */
  static boolean internal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    boolean uniqueLocal = address instanceof Inet6Address && (bytes[0] & 0xFE) == 0xFC;
    boolean sharedCgnat = bytes.length == 4 && (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
    return uniqueLocal || sharedCgnat;
  }

  /** The first internal address a host resolves to, if it has one; a host that does not resolve has none. */
  static Optional<InetAddress> internalAddressOf(URI url, Resolver resolver) {
    try {
      return resolver.lookup(url.getHost()).stream().filter(Addresses::internal).findFirst();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
