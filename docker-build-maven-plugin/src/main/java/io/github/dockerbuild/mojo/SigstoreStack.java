package io.github.dockerbuild.mojo;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.codehaus.plexus.classworlds.realm.ClassRealm;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * sigstore-java and its tail (gRPC, protobuf, TUF, Google's HTTP and OAuth clients: about 30 jars)
 * join the plugin's class realm the first time a verify or sign goal needs them, not at every Maven
 * start: the plugin declares sigstore-java {@code provided}, so Maven leaves it out of the realm it
 * resolves for every goal, and this resolves it (from the local repository, or the plugin
 * repositories) and adds its jars. Jars the realm already holds (Bouncy Castle, Guava) are kept
 * from the realm, so one version of each is loaded.
 *
 * <p>The verify and sign goals install this as {@link io.github.dockerbuild.signature.SigstoreRuntime}'s
 * loader; the classes that name sigstore-java's types are entered only where that runtime is asked
 * first (SigstoreBoundaryTest checks it on the compiled classes). A JVM links a class when it is
 * first used, so none of them is linked before the jars are there.
 *
 * <p>Once per realm: the modules of a reactor (also under {@code -T}) share the realm and the
 * jars it was given.
 */
final class SigstoreStack {
  /** A class of sigstore-java: present once the stack is in the realm (or on a test class path). */
  private static final String PROBE = "dev/sigstore/KeylessSigner.class";
  private static final String COORDINATES_RESOURCE = "sigstore-stack.properties";
  private static volatile boolean present;

  private SigstoreStack() {}

  /** How the stack is found: Maven's resolver and where to look. */
  record Resolution(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories,
      Collection<Artifact> realmArtifacts) {}

  /**
   * Makes sigstore-java loadable by this plugin's classes, resolving it the first time.
   *
   * @param resolution Maven's resolver, the plugin repositories, and what the realm already holds
   * @param why the goal's reason, for the one progress line
   * @param log where that line goes
   * @throws MojoExecutionException when the stack cannot be resolved, saying which artifact and how to fix it
   */
  static synchronized void require(Resolution resolution, String why, Consumer<String> log)
      throws MojoExecutionException {
    ClassLoader loader = SigstoreStack.class.getClassLoader();
    if (present || loader.getResource(PROBE) != null) {
      present = true;
      return;
    }
    if (!(loader instanceof ClassRealm realm)) {
      throw new MojoExecutionException("docker-build: sigstore-java is needed for " + why + " but is not on the"
          + " class path, and this class loader (" + loader.getClass().getName() + ") cannot take it: add"
          + " dev.sigstore:sigstore-java:" + version() + " as a dependency of the plugin");
    }
    long start = System.nanoTime();
    List<ArtifactResult> jars = resolve(resolution, why);
    Set<String> inRealm = resolution.realmArtifacts().stream()
        .map(a -> a.getGroupId() + ":" + a.getArtifactId()).collect(Collectors.toSet());
    int added = 0;
    for (ArtifactResult jar : jars) {
      org.eclipse.aether.artifact.Artifact a = jar.getArtifact();
      if (inRealm.contains(a.getGroupId() + ":" + a.getArtifactId())) {
        continue;
      }
      try {
        realm.addURL(a.getFile().toURI().toURL());
      } catch (MalformedURLException e) {
        throw new MojoExecutionException("docker-build: " + a.getFile() + " cannot be loaded: " + e.getMessage(), e);
      }
      added++;
    }
    if (loader.getResource(PROBE) == null) {
      throw new MojoExecutionException("docker-build: sigstore-java " + version() + " was resolved for " + why
          + " but its classes are not in it: delete it from the local repository and run again");
    }
    present = true;
    log.accept("docker-build: sigstore-java " + version() + " loaded for " + why + " (" + added + " jars, "
        + (System.nanoTime() - start) / 1_000_000 + " ms)");
  }

  private static List<ArtifactResult> resolve(Resolution resolution, String why) throws MojoExecutionException {
    String coordinates = "dev.sigstore:sigstore-java:" + version();
    // the session's selector already leaves out test, provided and optional dependencies of the tail
    CollectRequest collect = new CollectRequest(new Dependency(new DefaultArtifact(coordinates), "runtime"),
        new ArrayList<>(resolution.repositories()));
    DependencyRequest request = new DependencyRequest(collect, null);
    try {
      return resolution.system().resolveDependencies(resolution.session(), request).getArtifactResults();
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException("docker-build: " + why + " needs " + coordinates + " and its dependencies,"
          + " which cannot be resolved (" + e.getMessage() + "): run once online, or put them in the local repository"
          + " (mvn dependency:get -Dartifact=" + coordinates + ")", e);
    }
  }

  /** The sigstore-java version this plugin was built and tested with. */
  static String version() {
    Properties properties = new Properties();
    try (InputStream in = SigstoreStack.class.getResourceAsStream(COORDINATES_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(COORDINATES_RESOURCE + " is missing from the plugin jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(COORDINATES_RESOURCE + " cannot be read", e);
    }
    return properties.getProperty("version");
  }
}
