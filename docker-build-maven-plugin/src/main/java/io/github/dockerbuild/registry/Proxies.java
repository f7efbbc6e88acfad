package io.github.dockerbuild.registry;

import io.github.dockerbuild.config.InvalidValueException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which HTTP proxy, if any, a request to a registry goes through: Maven's {@code settings.xml}
 * {@code <proxies>} first, as Maven's own downloads use them, else the {@code HTTPS_PROXY},
 * {@code HTTP_PROXY} and {@code NO_PROXY} variables, read as Go reads them (which is how docker,
 * buildx and cosign read them on the same machine).
 *
 * <p>settings.xml: the first active proxy whose {@code <protocol>} is the registry's scheme, and
 * for an HTTPS registry with no {@code https} proxy the first active {@code http} one (the protocol
 * defaults to {@code http}, and one such proxy serves Maven's HTTPS repositories too). Its
 * {@code <nonProxyHosts>} ({@code |}- or comma-separated, {@code *} a wildcard, matched against the
 * host without port) go direct. When settings.xml has a proxy for the scheme, the variables are not
 * read for it.
 *
 * <p>Variables: {@code HTTPS_PROXY} for HTTPS registries and {@code HTTP_PROXY} for plain-HTTP ones
 * (the upper-case name first, then the lower-case one), {@code [http://][user:password@]host[:port]}.
 * {@code NO_PROXY} is a comma-separated list of {@code *}, hosts, domains ({@code example.com} is
 * the domain and its subdomains, {@code .example.com} and {@code *.example.com} only its
 * subdomains), IP addresses and CIDR ranges, each with an optional port.
 *
 * <p>Loopback registries ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) are never proxied:
 * a proxy on another machine has a loopback of its own, and docker and buildx do not proxy them
 * either. A proxy is reached in plain HTTP ({@code CONNECT} for an HTTPS registry); Basic
 * credentials are sent to it when given.
 */
public final class Proxies {
  private static final Proxies NONE = new Proxies(null, null);

  /** A {@code settings.xml} {@code <proxy>}, its password decrypted. */
  public record Declared(String id, boolean active, String protocol, String host, int port, String username,
      String password, String nonProxyHosts) {}

  /**
   * A proxy requests go through.
   *
   * @param credentials Basic credentials for the proxy, or null
   * @param source where it was configured, for messages, e.g. {@code settings.xml proxy 'corp'} or
   *     {@code HTTPS_PROXY}; never with the credentials
   * @param fromSettings whether it came from settings.xml (which Docker does not read by itself)
   */
  public record Proxy(String host, int port, Credentials credentials, String source, boolean fromSettings,
      List<Rule> exceptions) {
    /** {@code host:port}. */
    public String address() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** E.g. {@code 127.0.0.1:3128 (settings.xml proxy 'corp')}: what a message names. */
    public String describe() {
      return address() + " (" + source + ")";
    }

    /** The proxy as a URL without credentials, {@code http://host:port}. */
    public String url() {
      return "http://" + address();
    }

    @Override
    public String toString() {
      return describe();
    }
  }

  private final Proxy http;
  private final Proxy https;

  private Proxies(Proxy http, Proxy https) {
    this.http = http;
    this.https = https;
  }

  /** Every request goes direct. */
  public static Proxies none() {
    return NONE;
  }

  /**
   * The proxies of a run.
   *
   * @param settings the settings.xml proxies in their order (inactive ones included)
   * @param env the environment
   * @throws InvalidValueException naming the setting or variable, when an active proxy or a variable
   *     cannot be used
   */
  public static Proxies resolve(List<Declared> settings, Map<String, String> env) {
    Proxy http = fromSettings(settings, "http");
    Proxy https = fromSettings(settings, "https");
    if (https == null) {
      https = http;
    }
    if (http == null) {
      http = fromEnvironment(env, "HTTP_PROXY");
    }
    if (https == null) {
      https = fromEnvironment(env, "HTTPS_PROXY");
    }
    return http == null && https == null ? NONE : new Proxies(http, https);
  }

  /** Whether any request may go through a proxy. */
  public boolean any() {
    return http != null || https != null;
  }

  /**
   * The proxy for a request to a registry, or empty for a direct connection.
   *
   * @param scheme {@code http} or {@code https}
   * @param registry host or host:port, as in {@link ImageRef#registry()}
   */
  public Optional<Proxy> forRegistry(String scheme, String registry) {
    Proxy proxy = scheme.equalsIgnoreCase("https") ? https : http;
    if (proxy == null) {
      return Optional.empty();
    }
    String host = TransportSecurity.hostOf(registry);
    if (TransportSecurity.isLoopback(host)) {
      return Optional.empty();
    }
    String port = portOf(registry, scheme);
    for (Rule exception : proxy.exceptions()) {
      if (exception.matches(host, port)) {
        return Optional.empty();
      }
    }
    return Optional.of(proxy);
  }

  /** Whether some HTTPS registry may be reached through a proxy that takes credentials. */
  public boolean tunnelsWithCredentials() {
    return https != null && https.credentials() != null;
  }

  /**
   * What Docker's client configuration ({@code config.json} {@code proxies.default}) should say for
   * the settings.xml proxies, which docker and buildx do not read by themselves: buildx hands these
   * to {@code RUN} steps as the predefined proxy build arguments. Without credentials (build
   * arguments are no place for a secret); empty when no settings.xml proxy is active.
   */
  public Map<String, String> dockerClientProxies() {
    Map<String, String> proxies = new LinkedHashMap<>();
    if (http != null && http.fromSettings()) {
      proxies.put("httpProxy", http.url());
    }
    if (https != null && https.fromSettings()) {
      proxies.put("httpsProxy", https.url());
    }
    if (!proxies.isEmpty()) {
      List<String> noProxy = new ArrayList<>();
      for (Proxy proxy : new Proxy[] {http, https}) {
        if (proxy != null && proxy.fromSettings()) {
          for (Rule rule : proxy.exceptions()) {
            String entry = rule.text().startsWith("*.") ? rule.text().substring(1) : rule.text();
            if (!entry.contains("*") && !noProxy.contains(entry)) {
              noProxy.add(entry);
            }
          }
        }
      }
      if (!noProxy.isEmpty()) {
        proxies.put("noProxy", String.join(",", noProxy));
      }
    }
    return proxies;
  }

  // ---- settings.xml ----

  private static Proxy fromSettings(List<Declared> settings, String scheme) {
    for (Declared declared : settings) {
      String protocol = declared.protocol() == null || declared.protocol().isBlank() ? "http"
          : declared.protocol().trim().toLowerCase(Locale.ROOT);
      if (!declared.active() || !protocol.equals(scheme)) {
        continue;
      }
      String source = "settings.xml proxy '" + declared.id() + "'";
      String where = "settings.xml <proxy> '" + declared.id() + "'";
      if (declared.host() == null || declared.host().isBlank()) {
        throw new InvalidValueException(where + " <host>", "", "is empty",
            "give the proxy's host, or <active>false</active> to leave the proxy out");
      }
      if (declared.port() < 1 || declared.port() > 65535) {
        throw new InvalidValueException(where + " <port>", String.valueOf(declared.port()), "is no TCP port",
            "give the proxy's port (1-65535)");
      }
      Credentials credentials = null;
      boolean user = declared.username() != null && !declared.username().isEmpty();
      boolean password = declared.password() != null && !declared.password().isEmpty();
      if (user != password) {
        throw new InvalidValueException(where + (user ? " <password>" : " <username>"), "", "is missing",
            "give both <username> and <password> (mvn --encrypt-password encrypts it), or neither");
      }
      if (user) {
        credentials = new Credentials(declared.username(), declared.password());
      }
      List<Rule> exceptions = new ArrayList<>();
      if (declared.nonProxyHosts() != null) {
        for (String entry : declared.nonProxyHosts().split("[|,]")) {
          String trimmed = entry.trim().toLowerCase(Locale.ROOT);
          if (!trimmed.isEmpty()) {
            exceptions.add(wildcard(trimmed));
          }
        }
      }
      return new Proxy(declared.host().trim(), declared.port(), credentials, source, true, List.copyOf(exceptions));
    }
    return null;
  }

  /** A nonProxyHosts entry: {@code *} stands for any characters, the rest is literal. */
  static Rule wildcard(String entry) {
    StringBuilder regex = new StringBuilder();
    String[] parts = entry.split("\\*", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    return new Rule(entry, (host, port) -> pattern.matcher(host).matches());
  }

  // ---- the environment ----

  private static Proxy fromEnvironment(Map<String, String> env, String name) {
    String variable = name;
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      variable = name.toLowerCase(Locale.ROOT);
      value = env.get(variable);
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    String given = value.trim();
    URI uri;
    try {
      uri = new URI(given.contains("://") ? given : "http://" + given);
    } catch (URISyntaxException e) {
      throw new InvalidValueException(variable, mask(given), "is not a proxy URL",
          "give http://[user:password@]host[:port]");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw new InvalidValueException(variable, mask(given), "is a " + scheme + ":// proxy, which the plugin's "
          + "registry client cannot use", "give an http:// proxy (HTTPS registries are reached through it with CONNECT)");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidValueException(variable, mask(given), "names no host", "give http://[user:password@]host[:port]");
    }
    Credentials credentials = null;
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      credentials = new Credentials(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
    }
    String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
        : uri.getHost();
    return new Proxy(host, uri.getPort() < 0 ? 80 : uri.getPort(), credentials, variable, false, noProxy(env));
  }

  /** The value with a password in it replaced, for messages. */
  static String mask(String value) {
    return value.replaceAll("(://[^:/@]*):[^@/]*@", "$1:***@");
  }

  private static List<Rule> noProxy(Map<String, String> env) {
    String value = env.get("NO_PROXY");
    if (value == null || value.isBlank()) {
      value = env.get("no_proxy");
    }
    List<Rule> rules = new ArrayList<>();
    if (value != null) {
      for (String raw : value.split("[,\\s]+")) {
        String entry = raw.trim().toLowerCase(Locale.ROOT);
        if (!entry.isEmpty()) {
          rules.add(noProxyRule(entry));
        }
      }
    }
    return List.copyOf(rules);
  }

  /**
   * One NO_PROXY entry: {@code *} matches everything, a CIDR range its IPv4 addresses, a domain
   * itself and its subdomains, a leading {@code .} or {@code *.} only the subdomains; with a port,
   * only that port.
   */
  static Rule noProxyRule(String entry) {
    if (entry.equals("*")) {
      return new Rule(entry, (host, port) -> true);
    }
    String host = entry;
    String port = null;
    int colon = entry.lastIndexOf(':');
    if (entry.startsWith("[") && entry.contains("]")) {
      host = entry.substring(1, entry.indexOf(']'));
      port = entry.endsWith("]") ? null : entry.substring(entry.indexOf("]:") + 2);
    } else if (colon > 0 && entry.indexOf(':') == colon) {
      host = entry.substring(0, colon);
      port = entry.substring(colon + 1);
    }
    String wantedPort = port;
    java.util.function.BiPredicate<String, String> portMatches = (h, p) -> wantedPort == null || wantedPort.equals(p);
    if (host.contains("/")) {
      long[] range = cidr(host);
      if (range == null) {
        return new Rule(entry, (h, p) -> false);
      }
      return new Rule(entry, (h, p) -> portMatches.test(h, p) && inRange(h, range));
    }
    String name = host.startsWith("*.") ? host.substring(1) : host;
    if (name.startsWith(".")) {
      return new Rule(entry, (h, p) -> portMatches.test(h, p) && h.endsWith(name));
    }
    return new Rule(entry, (h, p) -> portMatches.test(h, p) && (h.equals(name) || h.endsWith("." + name)));
  }

  /** {network, mask} of an IPv4 CIDR range, or null when it is none. */
  private static long[] cidr(String range) {
    String[] parts = range.split("/", 2);
    Long address = ipv4(parts[0]);
    if (address == null || !parts[1].matches("\\d{1,2}") || Integer.parseInt(parts[1]) > 32) {
      return null;
    }
    int bits = Integer.parseInt(parts[1]);
    long mask = bits == 0 ? 0 : (0xffffffffL << (32 - bits)) & 0xffffffffL;
    return new long[] {address & mask, mask};
  }

  private static boolean inRange(String host, long[] range) {
    Long address = ipv4(host);
    return address != null && (address & range[1]) == range[0];
  }

  private static Long ipv4(String text) {
    if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return null;
    }
    long value = 0;
    for (String octet : text.split("\\.")) {
      int n = Integer.parseInt(octet);
      if (n > 255) {
        return null;
      }
      value = (value << 8) | n;
    }
    return value;
  }

  /** A host that goes direct: its text as configured, and the test of a host and port. */
  public record Rule(String text, java.util.function.BiPredicate<String, String> test) {
    boolean matches(String host, String port) {
      return test.test(host, port);
    }
  }

  private static String portOf(String registry, String scheme) {
    String lower = registry.toLowerCase(Locale.ROOT);
    int bracket = lower.lastIndexOf(']');
    int colon = lower.lastIndexOf(':');
    if (colon > bracket && colon >= 0 && (bracket >= 0 || lower.indexOf(':') == colon)) {
      return lower.substring(colon + 1);
    }
    return scheme.equalsIgnoreCase("https") ? "443" : "80";
  }
}
