package io.github.dockerbuild.registry;

import java.io.IOException;
import java.net.ConnectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request that failed at its proxy: the proxy could not be reached, refused the tunnel to the
 * registry, or asked for credentials. Only 5xx answers and unreachable proxies are transient.
 */
final class ProxyFailure extends IOException {
  private static final Pattern TUNNEL = Pattern.compile("Unable to tunnel through proxy\\. Proxy returns \"(HTTP/\\S+ (\\d{3})[^\"]*)\"");

  private final transient Proxies.Proxy proxy;
  private final int status;

  /** @param status the proxy's answer, or 0 when it was not reached */
  ProxyFailure(Proxies.Proxy proxy, int status, String what, Throwable cause) {
    super("the proxy " + proxy.describe() + " " + what, cause);
    this.proxy = proxy;
    this.status = status;
  }

  /** The failure as a proxy's when it is one (no connection to the proxy, or a refused tunnel), else itself. */
  static IOException about(Proxies.Proxy proxy, IOException failure) {
    if (failure instanceof ConnectException) {
      return new ProxyFailure(proxy, 0, "cannot be reached (" + failure.getMessage() + ")", failure);
    }
    if (failure instanceof java.net.UnknownHostException) {
      // through a proxy only the proxy's own name is resolved here
      return new ProxyFailure(proxy, 0, "cannot be reached (its name does not resolve)", failure);
    }
    Matcher tunnel = failure.getMessage() == null ? null : TUNNEL.matcher(failure.getMessage());
    if (tunnel != null && tunnel.find()) {
      return new ProxyFailure(proxy, Integer.parseInt(tunnel.group(2)), "refused the tunnel: " + tunnel.group(1),
          failure);
    }
    return failure;
  }

  Proxies.Proxy proxy() {
    return proxy;
  }

  int status() {
    return status;
  }

  /** Whether asking again may help: the proxy was not reached, or answered 5xx (its upstream failed). */
  boolean transientFailure() {
    return status == 0 || status >= 500;
  }

  /** What the user should do, for the message. */
  String hint() {
    // tinyproxy, for one, answers wrong credentials with 401 and none with 407
    if (status == 407 || status == 401) {
      String where = proxy.fromSettings() ? "<username> and <password> of " + proxy.source()
          : "the user:password@ part of " + proxy.source();
      return proxy.credentials() == null ? "give the proxy's credentials as " + where
          : "check " + where + " (a tunnel also needs the JVM to allow Basic: the plugin sets "
              + HttpTransport.TUNNELING_DISABLED + " empty unless it is given)";
    }
    if (status == 0) {
      return "check the host and port of " + proxy.source() + ", and that the proxy runs";
    }
    if (status == 403) {
      return "the proxy does not allow this registry or port: ask its administrator, or list the registry in "
          + (proxy.fromSettings() ? "<nonProxyHosts>" : "NO_PROXY") + " if it is reachable directly";
    }
    return "check that the proxy can reach the registry, or list the registry in "
        + (proxy.fromSettings() ? "<nonProxyHosts>" : "NO_PROXY") + " if it is reachable directly";
  }
}
