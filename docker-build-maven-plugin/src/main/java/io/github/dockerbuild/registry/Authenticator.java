package io.github.dockerbuild.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each registry's challenge and caches bearer tokens per registry and scope set, so two
 * calls in the same repository fetch one token; a token is used until shortly before its
 * {@code expires_in}, so a streamed upload (which cannot be resent after a 401) does not start with
 * a stale one. Basic challenges get the registry's credentials.
 */
final class Authenticator {
  /** Fetches a token: the client sends the request with retries and counting. */
  interface TokenTransport {
    RegistryResponse send(String method, URI uri, Optional<String> authorization, RequestBody body, String action,
        String registry);
  }

  /** The OAuth2 client id sent with identity-token requests. */
  static final String CLIENT_ID = "docker-build-maven-plugin";

  private final CredentialSource credentials;
  private final TransportSecurity security;
  private final TokenTransport transport;
  private final Clock clock;
  private final Map<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
  private final Map<String, Token> tokens = new ConcurrentHashMap<>();
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, Optional<Credentials>> found = new ConcurrentHashMap<>();

  /** A bearer token and when to stop using it (a margin before the server's expiry). */
  private record Token(String value, Instant useUntil) {}

  /** Tokens are dropped this long before the server says they expire, so a request does not race the expiry. */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

  /** What the token spec says to assume when the server gives no {@code expires_in}. */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  Authenticator(CredentialSource credentials, TransportSecurity security, TokenTransport transport, Clock clock) {
    this.credentials = credentials;
    this.security = security;
    this.transport = transport;
    this.clock = clock;
  }

  Optional<Credentials> credentials(String registry) {
    return found.computeIfAbsent(registry, credentials::find);
  }

  /** The Authorization header for a request, if this registry is known to want one. */
  Optional<String> authorization(String registry, List<String> scopes) {
    AuthChallenge challenge = challenges.get(registry);
    if (challenge == null) {
      return Optional.empty();
    }
    if (challenge.isBasic()) {
      return credentials(registry).map(Credentials::basicHeader);
    }
    String key = key(registry, scopes);
    Token token = usable(tokens.get(key));
    if (token == null) {
      synchronized (locks.computeIfAbsent(key, k -> new Object())) {
        token = usable(tokens.get(key));
        if (token == null) {
          token = fetchToken(registry, challenge, scopes);
          tokens.put(key, token);
        }
      }
    }
    return Optional.of("Bearer " + token.value());
  }

  /**
   * Learns from a 401: remembers the challenge and drops the cached token for these scopes.
   *
   * @return whether sending again with fresh authorization can succeed
   */
  boolean onUnauthorized(String registry, List<String> scopes, Optional<String> header) {
    Optional<AuthChallenge> challenge = header.flatMap(AuthChallenge::parse);
    if (challenge.isEmpty()) {
      return false;
    }
    challenges.put(registry, challenge.get());
    tokens.remove(key(registry, scopes));
    return challenge.get().isBearer() || credentials(registry).isPresent();
  }

  private Token usable(Token token) {
    return token != null && clock.instant().isBefore(token.useUntil()) ? token : null;
  }

  private static String key(String registry, List<String> scopes) {
    return registry + " " + String.join(" ", scopes);
  }

  private Token fetchToken(String registry, AuthChallenge challenge, List<String> scopes) {
    String realm = challenge.parameter("realm").orElse("");
    String action = "get a bearer token for " + String.join(" ", scopes) + " from " + (realm.isEmpty() ? registry : realm);
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      realmUri = null;
    }
    if (realmUri == null || realmUri.getScheme() == null || realmUri.getHost() == null) {
      throw RegistryException.invalid(action, 401, "the registry's WWW-Authenticate realm '" + realm + "' is not a URL");
    }
    Optional<Credentials> login = credentials(registry);
    if (login.isPresent() && realmUri.getScheme().equalsIgnoreCase("http")
        && !security.scheme(realmUri.getAuthority()).equals("http")) {
      throw RegistryException.invalid(action, 401,
          "refusing to send credentials over plain HTTP to " + realm + "; the token realm must be HTTPS");
    }
    RegistryResponse response;
    String service = challenge.parameter("service").orElse(null);
    if (login.isPresent() && login.get().isIdentityToken()) {
      // an identity (refresh) token from docker login: the OAuth2 form of the token flow
      StringBuilder form = new StringBuilder("grant_type=refresh_token");
      if (service != null) {
        form.append("&service=").append(encode(service));
      }
      form.append("&scope=").append(encode(String.join(" ", scopes)))
          .append("&client_id=").append(CLIENT_ID)
          .append("&refresh_token=").append(encode(login.get().secret()));
      response = transport.send("POST", realmUri, Optional.empty(),
          RequestBody.of("application/x-www-form-urlencoded", form.toString().getBytes(StandardCharsets.UTF_8)),
          action, registry);
    } else {
      StringBuilder query = new StringBuilder();
      if (service != null) {
        query.append("service=").append(encode(service));
      }
      for (String scope : scopes) {
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
      }
      URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
      response = transport.send("GET", uri, login.map(Credentials::basicHeader), null, action, registry);
    }
    try {
      if (response.status() != 200) {
        String hint = login.map(c -> c.isIdentityToken()
                ? "the token server refused the identity token for " + registry
                : "the token server refused the credentials of user " + c.username())
            .orElse("no credentials for " + registry);
        RegistryException decoded = response.error(action);
        throw RegistryException.answered(action, response.status(), decoded.code(), decoded.registryMessage(), hint);
      }
      io.github.dockerbuild.json.Tree json = io.github.dockerbuild.json.Json.tree(response.bytes());
      String token = json.path("token").asText();
      if (token.isEmpty()) {
        token = json.path("access_token").asText();
      }
      if (token.isEmpty()) {
        throw RegistryException.invalid(action, 200, "the token server answered without token or access_token");
      }
      long seconds = json.path("expires_in").asLong(0);
      Duration lifetime = seconds > 0 ? Duration.ofSeconds(seconds) : DEFAULT_LIFETIME;
      Duration margin = lifetime.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? EXPIRY_MARGIN : lifetime.dividedBy(2);
      return new Token(token, clock.instant().plus(lifetime).minus(margin));
    } catch (IOException e) {
      throw RegistryException.invalid(action, response.status(), "the token server did not answer JSON");
    } finally {
      response.close();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
