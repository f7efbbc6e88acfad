package io.github.dockerbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dockerbuild.config.InvalidValueException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxiesTest {
  static Proxies.Declared proxy(String id, boolean active, String protocol, String nonProxyHosts) {
    return new Proxies.Declared(id, active, protocol, "proxy.corp", 3128, null, null, nonProxyHosts);
  }

  static String route(Proxies proxies, String scheme, String registry) {
    return proxies.forRegistry(scheme, registry).map(Proxies.Proxy::describe).orElse("direct");
  }

  @Test
  void nothingConfiguredGoesDirect() {
    Proxies proxies = Proxies.resolve(List.of(), Map.of());
    assertThat(proxies.any()).isFalse();
    assertThat(route(proxies, "https", "ghcr.io")).isEqualTo("direct");
    assertThat(proxies.dockerClientProxies()).isEmpty();
  }

  @Test
  void anHttpProxyOfSettingsServesHttpsRegistriesToo() {
    Proxies proxies = Proxies.resolve(List.of(proxy("corp", true, null, null)), Map.of());
    assertThat(route(proxies, "https", "ghcr.io")).isEqualTo("proxy.corp:3128 (settings.xml proxy 'corp')");
    assertThat(route(proxies, "http", "registry.lan:5000")).isEqualTo("proxy.corp:3128 (settings.xml proxy 'corp')");
  }

  @Test
  void theFirstActiveProxyOfTheSchemeWinsAndInactiveOnesAreLeftOut() {
    Proxies proxies = Proxies.resolve(List.of(
        proxy("off", false, "https", null),
        new Proxies.Declared("plain", true, "http", "plain.corp", 8080, null, null, null),
        new Proxies.Declared("tls", true, "https", "tls.corp", 8443, null, null, null),
        new Proxies.Declared("second", true, "https", "second.corp", 9000, null, null, null)), Map.of());
    assertThat(route(proxies, "https", "ghcr.io")).isEqualTo("tls.corp:8443 (settings.xml proxy 'tls')");
    assertThat(route(proxies, "http", "registry.lan")).isEqualTo("plain.corp:8080 (settings.xml proxy 'plain')");
  }

  @Test
  void aProxyOfAnotherProtocolIsNotUsed() {
    Proxies proxies = Proxies.resolve(List.of(proxy("socks", true, "socks5", null)), Map.of());
    assertThat(proxies.any()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "'*.corp.example|registry.lan', build.corp.example, direct",
      "'*.corp.example|registry.lan', corp.example.org, proxy",
      "'*.corp.example|registry.lan', registry.lan:5000, direct",
      "'*.corp.example|registry.lan', REGISTRY.LAN, direct",
      "'*.corp.example|registry.lan', registry.lan.other, proxy",
      "'10.*,ghcr.*', 10.1.2.3:5000, direct",
      "'10.*,ghcr.*', ghcr.io, direct",
      "'10.*,ghcr.*', quay.io, proxy",
      "' ghcr.io | quay.io ', quay.io, direct",
      "'', ghcr.io, proxy",
  })
  void nonProxyHostsGoDirect(String nonProxyHosts, String registry, String expected) {
    Proxies proxies = Proxies.resolve(List.of(proxy("corp", true, "http", nonProxyHosts)), Map.of());
    assertThat(route(proxies, "https", registry).equals("direct") ? "direct" : "proxy").isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"localhost:5000", "127.0.0.1:5000", "127.3.4.5", "[::1]:5000"})
  void loopbackRegistriesAreNeverProxied(String registry) {
    Proxies settings = Proxies.resolve(List.of(proxy("corp", true, "http", null)), Map.of());
    Proxies env = Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
        "HTTP_PROXY", "http://proxy.corp:3128"));
    assertThat(route(settings, "http", registry)).isEqualTo("direct");
    assertThat(route(env, "https", registry)).isEqualTo("direct");
  }

  @Test
  void settingsCredentialsAreKeptAndNeverDescribed() {
    Proxies proxies = Proxies.resolve(List.of(new Proxies.Declared("corp", true, "http", "proxy.corp", 3128,
        "alice", "s3cret", null)), Map.of());
    Proxies.Proxy chosen = proxies.forRegistry("https", "ghcr.io").orElseThrow();
    assertThat(chosen.credentials()).isEqualTo(new Credentials("alice", "s3cret"));
    assertThat(chosen.describe() + chosen + chosen.url()).doesNotContain("s3cret").doesNotContain("alice");
    assertThat(proxies.tunnelsWithCredentials()).isTrue();
  }

  @Test
  void badSettingsProxiesAreNamedWithWhatToDo() {
    assertThatThrownBy(() -> Proxies.resolve(List.of(new Proxies.Declared("corp", true, "http", " ", 3128,
        null, null, null)), Map.of()))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("settings.xml <proxy> 'corp' <host>").hasMessageContaining("<active>false</active>");
    assertThatThrownBy(() -> Proxies.resolve(List.of(new Proxies.Declared("corp", true, "http", "proxy.corp", 0,
        null, null, null)), Map.of()))
        .hasMessageContaining("settings.xml <proxy> 'corp' <port>").hasMessageContaining("1-65535");
    assertThatThrownBy(() -> Proxies.resolve(List.of(new Proxies.Declared("corp", true, "http", "proxy.corp", 3128,
        "alice", null, null)), Map.of()))
        .hasMessageContaining("settings.xml <proxy> 'corp' <password>").hasMessageContaining("is missing");
    // an inactive proxy is not checked: it is not used
    assertThat(Proxies.resolve(List.of(new Proxies.Declared("corp", false, "http", null, 0, null, null, null)),
        Map.of()).any()).isFalse();
  }

  @Test
  void settingsWinOverTheEnvironmentForTheirScheme() {
    Map<String, String> env = Map.of("HTTPS_PROXY", "http://env.corp:1111", "HTTP_PROXY", "http://env.corp:2222");
    Proxies onlyHttps = Proxies.resolve(List.of(new Proxies.Declared("tls", true, "https", "proxy.corp", 3128,
        null, null, "ghcr.io")), env);
    assertThat(route(onlyHttps, "https", "quay.io")).isEqualTo("proxy.corp:3128 (settings.xml proxy 'tls')");
    // settings.xml's exception stands: no fallback to the variable
    assertThat(route(onlyHttps, "https", "ghcr.io")).isEqualTo("direct");
    // no settings proxy for plain HTTP: the variable serves it
    assertThat(route(onlyHttps, "http", "registry.lan")).isEqualTo("env.corp:2222 (HTTP_PROXY)");
  }

  @Test
  void theEnvironmentIsReadAsGoReadsIt() {
    assertThat(route(Proxies.resolve(List.of(), Map.of("https_proxy", "proxy.corp:3128")), "https", "ghcr.io"))
        .isEqualTo("proxy.corp:3128 (https_proxy)");
    assertThat(route(Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://upper:1", "https_proxy",
        "http://lower:2")), "https", "ghcr.io")).isEqualTo("upper:1 (HTTPS_PROXY)");
    assertThat(route(Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://proxy.corp")), "https", "ghcr.io"))
        .isEqualTo("proxy.corp:80 (HTTPS_PROXY)");
    // HTTPS_PROXY does not serve plain-HTTP registries, nor HTTP_PROXY HTTPS ones
    assertThat(route(Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://p:1")), "http", "registry.lan"))
        .isEqualTo("direct");
    assertThat(route(Proxies.resolve(List.of(), Map.of("HTTP_PROXY", "http://p:1")), "https", "ghcr.io"))
        .isEqualTo("direct");
    Proxies.Proxy withUser = Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://al%40ce:p%3Ass@p:1/"))
        .forRegistry("https", "ghcr.io").orElseThrow();
    assertThat(withUser.credentials()).isEqualTo(new Credentials("al@ce", "p:ss"));
    assertThat(withUser.fromSettings()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "'*', ghcr.io, direct",
      "'example.com', example.com, direct",
      "'example.com', registry.example.com:5000, direct",
      "'example.com', badexample.com, proxy",
      "'.example.com', example.com, proxy",
      "'.example.com', registry.example.com, direct",
      "'*.example.com', example.com, proxy",
      "'*.example.com', registry.example.com, direct",
      "'10.0.0.0/8', 10.20.30.40:5000, direct",
      "'10.0.0.0/8', 11.0.0.1, proxy",
      "'192.168.4.0/22', 192.168.7.255, direct",
      "'192.168.4.0/22', 192.168.8.1, proxy",
      "'10.0.0.0/x', 10.0.0.1, proxy",
      "'registry.lan:5000', registry.lan:5000, direct",
      "'registry.lan:5000', registry.lan:6000, proxy",
      "'registry.lan:443', registry.lan, direct",
      "'a.io, b.io  c.io', c.io, direct",
      "'REGISTRY.LAN', registry.lan, direct",
      "'[fd00::1]:5000', '[fd00::1]:5000', direct",
      "'', ghcr.io, proxy",
  })
  void noProxyEntries(String noProxy, String registry, String expected) {
    Proxies proxies = Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://p:1", "NO_PROXY", noProxy));
    assertThat(route(proxies, "https", registry).equals("direct") ? "direct" : "proxy").isEqualTo(expected);
  }

  @Test
  void lowerCaseNoProxyIsReadToo() {
    Proxies proxies = Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://p:1", "no_proxy", "ghcr.io"));
    assertThat(route(proxies, "https", "ghcr.io")).isEqualTo("direct");
  }

  @Test
  void badVariablesAreNamedWithoutTheirPassword() {
    assertThatThrownBy(() -> Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "https://bob:pw@proxy.corp:3129")))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("HTTPS_PROXY").hasMessageContaining("https:// proxy")
        .hasMessageContaining("bob:***@proxy.corp").hasMessageNotContaining("pw@");
    assertThatThrownBy(() -> Proxies.resolve(List.of(), Map.of("https_proxy", "socks5://proxy.corp:1080")))
        .hasMessageContaining("https_proxy").hasMessageContaining("socks5:// proxy");
    assertThatThrownBy(() -> Proxies.resolve(List.of(), Map.of("HTTP_PROXY", "http://")))
        .hasMessageContaining("HTTP_PROXY");
  }

  @Test
  void dockerClientProxiesAreTheSettingsProxiesWithoutCredentials() {
    Proxies proxies = Proxies.resolve(List.of(new Proxies.Declared("corp", true, "http", "proxy.corp", 3128,
        "alice", "s3cret", "*.corp.example|registry.lan|10.*")), Map.of());
    assertThat(proxies.dockerClientProxies()).containsExactly(
        Map.entry("httpProxy", "http://proxy.corp:3128"),
        Map.entry("httpsProxy", "http://proxy.corp:3128"),
        Map.entry("noProxy", ".corp.example,registry.lan"));
    Proxies fromEnv = Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://p:1"));
    // Docker reads the variables itself: nothing is added for them
    assertThat(fromEnv.dockerClientProxies()).isEmpty();
    assertThat(fromEnv.tunnelsWithCredentials()).isFalse();
  }

  @Test
  void anIpv6ProxyIsWrittenWithBrackets() {
    Optional<Proxies.Proxy> chosen = Proxies.resolve(List.of(), Map.of("HTTPS_PROXY", "http://[fd00::5]:3128"))
        .forRegistry("https", "ghcr.io");
    assertThat(chosen.orElseThrow().address()).isEqualTo("[fd00::5]:3128");
  }
}
