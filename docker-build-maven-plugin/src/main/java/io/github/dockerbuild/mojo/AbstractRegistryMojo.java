package io.github.dockerbuild.mojo;

import io.github.dockerbuild.domain.BuildMetadata;
import io.github.dockerbuild.registry.CredentialHelper;
import io.github.dockerbuild.registry.CredentialSource;
import io.github.dockerbuild.registry.Credentials;
import io.github.dockerbuild.registry.DockerConfigCredentialSource;
import io.github.dockerbuild.registry.Proxies;
import io.github.dockerbuild.registry.RegistryClient;
import io.github.dockerbuild.registry.RetryPolicy;
import io.github.dockerbuild.registry.StaticCredentialSource;
import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Parameters of goals that talk to registries: credentials ({@code settings.xml} servers whose id
 * is the registry host, then Docker's {@code config.json} and credential helpers), insecure
 * registries and a CA file.
 */
abstract class AbstractRegistryMojo extends AbstractImageMojo {

  @Parameter(defaultValue = "${settings}", readonly = true)
  private Settings settings;

  @Component
  private SettingsDecrypter decrypter;

  /**
   * Registries reached over plain HTTP besides loopback ones, e.g. {@code registry.lan:5000}.
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.INSECURE_REGISTRIES)
  private List<String> insecureRegistries;

  /**
   * A PEM file of CA certificates to trust for registries (besides the JDK's).
   *
   * @since 0.1.0
   */
  @Parameter(property = PropertyNames.CA_CERTIFICATE)
  private File caCertificate;

  /**
   * The password of a {@code settings.xml} server (decrypted), or null when there is no such
   * server or it has no password.
   */
  protected final char[] serverPassword(String id) {
    if (settings == null || id == null) {
      return null;
    }
    Server server = settings.getServer(id);
    if (server == null) {
      return null;
    }
    Server decrypted = decrypter == null ? server
        : decrypter.decrypt(new DefaultSettingsDecryptionRequest(server)).getServer();
    return decrypted.getPassword() == null ? null : decrypted.getPassword().toCharArray();
  }

  /**
   * The skip rule of the goals that act only on what a build pushed (publish, sign): their own flag,
   * or a build that does not push.
   *
   * @param verb what the goal does, for the line, e.g. {@code publish}
   */
  final String skipUnlessPushing(boolean goalSkip, String goalSkipProperty, BuildMetadata metadata, String verb) {
    String flag = flagReason(goalSkip, goalSkipProperty);
    if (flag != null || metadata == null || metadata.push()) {
      return flag;
    }
    return "this " + metadata.mode().id() + " build does not push (-Ddocker.push=true to " + verb + ")";
  }

  /**
   * The registry settings' part of the plan: the CA file reads as certificates, and a
   * {@code settings.xml} server for the image's registry has what a login needs (such a server
   * would otherwise be passed over for another login, without a word).
   */
  final void planRegistry(PlanAssembly plan) throws InterruptedException {
    plan.attempt(this::registryClient);
    if (plan.metadata == null || settings == null) {
      return;
    }
    String host = plan.attempt(() -> io.github.dockerbuild.registry.ImageRef.parse(plan.metadata.image() + ":x")
        .registry());
    Server server = host == null ? null : settings.getServer(host);
    if (server != null) {
      Server decrypted = decrypter == null ? server
          : decrypter.decrypt(new DefaultSettingsDecryptionRequest(server)).getServer();
      if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
        plan.problem("settings.xml <server> '" + host + "' has no " + (decrypted.getUsername() == null
            ? "<username>" : "<password>") + ": give both (mvn --encrypt-password encrypts the password), or "
            + "remove the server to use docker's own login for " + host);
      }
    }
  }

  /** The settings.xml servers that have a user name and a password, decrypted, by id. */
  protected final Map<String, Credentials> settingsServers() {
    Map<String, Credentials> servers = new HashMap<>();
    if (settings != null) {
      for (Server server : settings.getServers()) {
        Server decrypted = decrypter == null ? server
            : decrypter.decrypt(new DefaultSettingsDecryptionRequest(server)).getServer();
        if (decrypted.getUsername() != null && decrypted.getPassword() != null) {
          servers.put(decrypted.getId(), new Credentials(decrypted.getUsername(), decrypted.getPassword()));
        }
      }
    }
    return servers;
  }

  /**
   * The proxies of this run: settings.xml's active {@code <proxies>} (passwords decrypted), else
   * the proxy variables of the environment ({@link Proxies}).
   *
   * @throws io.github.dockerbuild.config.InvalidValueException when one cannot be used
   */
  protected final Proxies proxies() {
    List<Proxies.Declared> declared = new java.util.ArrayList<>();
    if (settings != null) {
      for (org.apache.maven.settings.Proxy proxy : settings.getProxies()) {
        org.apache.maven.settings.Proxy decrypted = decrypter == null || !proxy.isActive() ? proxy
            : decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy)).getProxy();
        declared.add(new Proxies.Declared(decrypted.getId(), decrypted.isActive(), decrypted.getProtocol(),
            decrypted.getHost(), decrypted.getPort(), decrypted.getUsername(), decrypted.getPassword(),
            decrypted.getNonProxyHosts()));
      }
    }
    return Proxies.resolve(declared, System.getenv());
  }

  /** One client per goal execution: settings.xml servers first, then Docker's own credentials. */
  protected final RegistryClient registryClient() {
    return registryClient(RetryPolicy.DEFAULT);
  }

  /** A client whose transient failures are retried as {@code retries} says. */
  protected final RegistryClient registryClient(RetryPolicy retries) {
    CredentialSource credentials = CredentialSource.chain(
        new StaticCredentialSource(settingsServers()),
        new DockerConfigCredentialSource(
            DockerConfigCredentialSource.defaultConfigFile(System.getenv(), System.getProperty("user.home")),
            CredentialHelper.process(Duration.ofSeconds(30))));
    List<String> insecure = io.github.dockerbuild.config.Values.list(
        overrides().list(PropertyNames.INSECURE_REGISTRIES, insecureRegistries));
    for (String host : insecure) {
      if (!host.trim().matches("(?i)(https?://)?[a-z0-9.\\-]+(:[0-9]+)?/?|(https?://)?\\[[0-9a-f:]+\\](:[0-9]+)?/?")) {
        throw new io.github.dockerbuild.config.InvalidValueException(
            "<insecureRegistries> (-Ddocker.insecureRegistries)", host, "is not a registry host",
            "give HOST[:PORT], e.g. 127.0.0.1:5000");
      }
    }
    RegistryClient.Builder builder = RegistryClient.builder()
        .retryPolicy(retries)
        .credentials(credentials)
        .onRetry(getLog()::warn)
        .proxies(proxies())
        .onProxy(getLog()::info)
        .insecureRegistries(new HashSet<>(insecure));
    File ca = overrides().file(PropertyNames.CA_CERTIFICATE, caCertificate);
    if (ca != null) {
      builder.caCertificates(ca.toPath());
    }
    return builder.build();
  }
}
