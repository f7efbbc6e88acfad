package io.github.dockerbuild.mojo;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import io.github.dockerbuild.config.LazyLibrary;
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
 * A library the plugin declares {@code provided}, so Maven leaves it out of the realm it resolves at
 * every start, which joins the realm the first time a goal needs it: this resolves it with Maven's
 * resolver (from the local repository, or the plugin repositories) and adds its jars. Jars the realm
 * already holds (Bouncy Castle, once one library brought it) are not added again, so one version of
 * each is loaded.
 *
 * <ul>
 *   <li>{@link #SIGSTORE}: sigstore-java and its tail (gRPC, protobuf, TUF, Google's HTTP and OAuth
 *       clients: 30 jars), for keyless work and transparency-log checks;
 *   <li>{@link #DOCKER_JAVA}: docker-java's transport (its zero-dependency HTTP client, the
 *       transport API, JNA: 3 jars), for the engine's version and info, asked on the engine probe's
 *       background thread;
 *   <li>{@link #BOUNCY_CASTLE}: Bouncy Castle's PKIX, utility and provider jars (3 signed jars,
 *       9 MB), for a signing key's PEM and an engine's TLS key; sigstore-java brings the same version
 *       for keyless work.
 * </ul>
 *
 * <p>The goals install {@link #loader} as the {@link LazyLibrary}'s loader; the classes that name a
 * library's types are entered only where it is asked for first (LibraryBoundaryTest checks that on
 * the compiled classes). A JVM links a class when it is first used, so none of them is linked before
 * the jars are there.
 *
 * <p>Once per realm: the modules of a reactor (also under {@code -T}) share the realm and the
 * jars it was given.
 *
 * @param name the library's name, also the key of its version in {@code realm-libraries.properties}
 * @param roots the artifacts to resolve (with their dependencies), {@code groupId:artifactId}
 * @param probe a class file of the library: present once it is in the realm (or on a test class path)
 */
record RealmLibrary(String name, List<String> roots, String probe) {
  static final RealmLibrary SIGSTORE = new RealmLibrary("sigstore-java", List.of("dev.sigstore:sigstore-java"),
      "dev/sigstore/KeylessSigner.class");
  static final RealmLibrary DOCKER_JAVA = new RealmLibrary("docker-java",
      List.of("com.github.docker-java:docker-java-transport-zerodep"),
      "com/github/dockerjava/zerodep/ZerodepDockerHttpClient.class");
  static final RealmLibrary BOUNCY_CASTLE = new RealmLibrary("bouncycastle", List.of("org.bouncycastle:bcpkix-jdk18on"),
      "org/bouncycastle/openssl/PEMParser.class");
  private static final String VERSIONS = "realm-libraries.properties";

  /** How a library is found: Maven's resolver and where to look. */
  record Resolution(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {}

  /** Installs each library's loader as its {@link LazyLibrary}'s: nothing is resolved until it is asked for. */
  static void offer(Resolution resolution, Consumer<String> log, RealmLibrary... libraries) {
    for (RealmLibrary library : libraries) {
      lazy(library.name()).install(library.loader(resolution, log));
    }
  }

  private static LazyLibrary lazy(String name) {
    for (LazyLibrary lazy : List.of(LazyLibrary.SIGSTORE, LazyLibrary.DOCKER_JAVA, LazyLibrary.BOUNCY_CASTLE)) {
      if (lazy.name().equals(name)) {
        return lazy;
      }
    }
    throw new IllegalArgumentException("no lazy library " + name);
  }

  /** The loader a goal installs: resolves this library into the realm the first time it is asked for. */
  LazyLibrary.Loader loader(Resolution resolution, Consumer<String> log) {
    return why -> require(resolution, why, log);
  }

  /**
   * Makes the library loadable by this plugin's classes, resolving it the first time.
   *
   * @param resolution Maven's resolver, the plugin repositories, and what the realm already holds
   * @param why the goal's reason, for the one progress line
   * @param log where that line goes
   * @throws MojoExecutionException when the library cannot be resolved, saying which artifact and how to fix it
   */
  void require(Resolution resolution, String why, Consumer<String> log) throws MojoExecutionException {
    ClassLoader loader = RealmLibrary.class.getClassLoader();
    synchronized (RealmLibrary.class) {
      if (loader.getResource(probe) != null) {
        return;
      }
      if (!(loader instanceof ClassRealm realm)) {
        throw new MojoExecutionException("docker-build: " + name + " is needed for " + why + " but is not on the"
            + " class path, and this class loader (" + loader.getClass().getName() + ") cannot take it: add "
            + roots.get(0) + ":" + version() + " as a dependency of the plugin");
      }
      long start = System.nanoTime();
      List<ArtifactResult> jars = resolve(resolution, why);
      Set<String> inRealm = artifactsOf(realm.getURLs(), resolution.session().getLocalRepository().getBasedir().toPath());
      int added = 0;
      for (ArtifactResult jar : jars) {
        org.eclipse.aether.artifact.Artifact a = jar.getArtifact();
        if (!inRealm.add(a.getGroupId() + ":" + a.getArtifactId())) {
          continue;
        }
        try {
          realm.addURL(a.getFile().toURI().toURL());
        } catch (MalformedURLException e) {
          throw new MojoExecutionException("docker-build: " + a.getFile() + " cannot be loaded: " + e.getMessage(), e);
        }
        added++;
      }
      if (loader.getResource(probe) == null) {
        throw new MojoExecutionException("docker-build: " + name + " " + version() + " was resolved for " + why
            + " but its classes are not in it: delete it from the local repository and run again");
      }
      log.accept("docker-build: " + name + " " + version() + " loaded for " + why + " (" + added + " jars, "
          + (System.nanoTime() - start) / 1_000_000 + " ms)");
    }
  }

  private List<ArtifactResult> resolve(Resolution resolution, String why) throws MojoExecutionException {
    String version = version();
    CollectRequest collect = new CollectRequest();
    collect.setRepositories(new ArrayList<>(resolution.repositories()));
    for (String root : roots) {
      // the session's selector already leaves out test, provided and optional dependencies of the tail
      collect.addDependency(new Dependency(new DefaultArtifact(root + ":" + version), "runtime"));
    }
    try {
      return resolution.system().resolveDependencies(resolution.session(), new DependencyRequest(collect, null))
          .getArtifactResults();
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException("docker-build: " + why + " needs " + roots.get(0) + ":" + version
          + " and its dependencies, which cannot be resolved (" + e.getMessage() + "): run once online, or put them"
          + " in the local repository (mvn dependency:get -Dartifact=" + roots.get(0) + ":" + version + ")", e);
    }
  }

  /**
   * The {@code groupId:artifactId} of each jar of the local repository among {@code urls}, read from
   * the repository's layout ({@code group/path/artifactId/version/file.jar}). Read from the realm
   * itself, as every Maven 3.6.3+ and 4 builds it; the plugin descriptor's artifact list is not
   * filled in on all of them.
   */
  static Set<String> artifactsOf(URL[] urls, Path localRepository) {
    Set<String> keys = new HashSet<>();
    Path base = localRepository.toAbsolutePath().normalize();
    for (URL url : urls) {
      Path jar;
      try {
        jar = Path.of(url.toURI()).toAbsolutePath().normalize();
      } catch (URISyntaxException | IllegalArgumentException e) {
        continue;
      }
      if (!jar.startsWith(base) || base.relativize(jar).getNameCount() < 4) {
        continue;
      }
      Path relative = base.relativize(jar);
      int n = relative.getNameCount();
      String artifactId = relative.getName(n - 3).toString();
      String groupId = relative.subpath(0, n - 3).toString().replace(java.io.File.separatorChar, '.');
      keys.add(groupId + ":" + artifactId);
    }
    return keys;
  }

  /** The version of this library the plugin was built and tested with. */
  String version() {
    Properties properties = new Properties();
    try (InputStream in = RealmLibrary.class.getResourceAsStream(VERSIONS)) {
      if (in == null) {
        throw new IllegalStateException(VERSIONS + " is missing from the plugin jar");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new IllegalStateException(VERSIONS + " cannot be read", e);
    }
    return properties.getProperty(name);
  }
}
