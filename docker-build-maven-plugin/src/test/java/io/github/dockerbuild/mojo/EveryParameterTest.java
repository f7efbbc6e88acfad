package io.github.dockerbuild.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Every parameter of every goal, from the plugin descriptor Maven reads: each has a bad value the
 * first goal refuses (one line naming the element and its {@code -D} property, nothing done), or a
 * stated reason why no value of it can be checked before anything runs. A new parameter fails
 * {@link #everyParameterOfEveryGoal_isCatalogued()} until it is given one or the other.
 */
@MojoTest
class EveryParameterTest {
  private static final String POM = "classpath:/unit/image/pom.xml";
  private static final String NOTHING_DONE = "nothing was built, pushed, tagged or signed";

  /** A bad value (with what else must be set for it to matter) and what the refusal says. */
  record Bad(Map<String, Object> set, String says) {}

  /** Why a parameter has no value to refuse before anything runs. */
  record Free(String why) {}

  private static final Map<String, Object> CATALOGUE = new LinkedHashMap<>();
  /** A plain PKCS#8 key, a password-encrypted cosign key, and a file standing for an OIDC identity token. */
  private static final File KEY = resource("/cosign/keys/pkcs8-p256.pem");
  private static final File ENCRYPTED_KEY = resource("/cosign/key-legacy/cosign.key");
  private static final File TOKEN = resource("/unit/image/Dockerfile");

  private static File resource(String name) {
    try {
      return new File(EveryParameterTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static void bad(String name, Object value, String says) {
    badWith(name, Map.of(name, value), says);
  }

  /** A bad value that matters only with other parameters set too; a {@code -Dname} key sets a user property. */
  private static void badWith(String name, Map<String, Object> set, String says) {
    CATALOGUE.put(name, new Bad(set, says));
  }

  private static void free(String why, String... names) {
    for (String name : names) {
      CATALOGUE.put(name, new Free(why));
    }
  }

  private static Node node(String platform, String builder, String context) {
    Node n = new Node();
    n.platform = platform;
    n.builder = builder;
    n.context = context;
    return n;
  }

  private static SecretConfig secret(String id, String env, String file) {
    SecretConfig s = new SecretConfig();
    s.id = id;
    s.env = env;
    s.file = file;
    return s;
  }

  private static PolicyConfig keyless(String identity, String issuer) {
    PolicyConfig p = new PolicyConfig();
    p.certificateIdentity = identity;
    p.certificateOidcIssuer = issuer;
    return p;
  }

  static {
    // metadata: names, tags, build args and labels
    bad("image", "ghcr.io/Example/Demo", "<image> (-Ddocker.image)");
    bad("archImage", "ghcr.io/example/{nope}-demo", "<archImage> (-Ddocker.archImage)");
    bad("archAliases", Map.of("arm64", "Not An Alias"), "<archAliases><arm64> 'Not An Alias' is not an architecture");
    bad("version", "1.0 beta", "<version> (-Ddocker.version) '1.0 beta' is not a valid tag, and <tags>");
    bad("tags", List.of("bad tag"), "<tags> (-Ddocker.tags)");
    bad("latest", "sometimes", "<latest> (-Ddocker.latest)");
    bad("mode", "staging", "<mode> (-Ddocker.mode)");
    bad("pushModes", List.of("release", "main"), "<pushModes> (-Ddocker.pushModes) 'main' is not a build mode");
    bad("platforms", List.of("linux/"), "<platforms> (-Ddocker.platforms)");
    bad("buildArgs", Map.of("BAD NAME", "x"), "<buildArgs>");
    bad("labels", Map.of("io.example.when", "{tomorrow}"), "<labels>");
    bad("allowSecretBuildArgs", List.of("NPM_TOKN"), "<allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs) 'NPM_TOKN'"
        + " is no <buildArgs> entry");
    bad("archArg", "BUILD ARCH", "<archArg> (-Ddocker.archArg)");
    bad("dateArg", "BUILD DATE", "<dateArg> (-Ddocker.dateArg)");
    bad("versionArg", "BUILD VERSION", "<versionArg> (-Ddocker.versionArg)");
    bad("repositoryArg", "BUILD REPOSITORY", "<repositoryArg> (-Ddocker.repositoryArg)");
    bad("dockerfile", new File("/nonexistent/Dockerfile"), "<dockerfile> (-Ddocker.dockerfile)");
    // build
    bad("contextDirectory", new File("/nonexistent"), "<contextDirectory> (-Ddocker.contextDirectory)");
    bad("cacheFrom", List.of("type=registry"), "<cacheFrom> (-Ddocker.cacheFrom)");
    bad("cacheTo", List.of("type=bogus"), "<cacheTo> (-Ddocker.cacheTo)");
    bad("cacheExport", "sometimes", "<cacheExport> (-Ddocker.cache.export)");
    bad("cacheScope", "team,x", "<cacheScope> (-Ddocker.cacheScope)");
    bad("compression", "lz4", "<compression> (-Ddocker.compression)");
    bad("compressionLevel", "abc", "<compressionLevel> (-Ddocker.compressionLevel)");
    bad("parallelism", "0", "<parallelism> (-Ddocker.parallelism)");
    bad("timeout", "0", "<timeout> (-Ddocker.build.timeout)");
    bad("progress", "loud", "<progress> (-Ddocker.progress) 'loud' is not a progress mode");
    bad("reproducible", "always", "<reproducible> (-Ddocker.reproducible) 'always' is not auto, true or false");
    bad("archTags", "every", "<archTags> (-Ddocker.archTags) 'every' is not a per-arch tag rule");
    bad("provenance", "bogus", "<provenance> (-Ddocker.provenance)");
    bad("sbom", "bogus", "<sbom> (-Ddocker.sbom)");
    bad("target", "tests", "<target> (-Ddocker.target)");
    bad("nodes", List.of(node("linux/", null, "node2")), "<nodes>");
    bad("secrets", List.of(secret(null, "HOME", null)), "<secrets>");
    // the registry client's settings: publish, verify and sign use them, and publish is the first that needs them
    badWith("insecureRegistries", Map.of("push", Boolean.TRUE, "insecureRegistries", List.of("127.0.0.1:5000 registry")),
        "<insecureRegistries> (-Ddocker.insecureRegistries)");
    badWith("caCertificate", Map.of("push", Boolean.TRUE, "caCertificate", new File("/nonexistent/ca.pem")),
        "<caCertificate> (-Ddocker.caCertificate)");
    free("a name the engine knows: the preflight asks the engine, before anything is built, and names it when it is"
        + " missing", "builder", "dockerContext");
    free("any VCS revision (a git commit, an svn number): only the revision label and {sha} use it, and a tag"
        + " made from {sha} is checked as a tag", "revision");
    free("a program to run: the first engine question runs it and says 'cannot run <path>'", "dockerExecutable");
    // verify
    bad("attempts", "0", "<attempts> (-Ddocker.verify.attempts)");
    bad("retryDelay", "-1", "<retryDelay> (-Ddocker.verify.retryDelay)");
    bad("verifyBase", "sometimes", "<verifyBase> (-Ddocker.verify.base)");
    bad("formats", List.of("pgp"), "<formats> (-Ddocker.verify.formats)");
    bad("baseImages", List.of("BAD NAME"), "<baseImages> (-Ddocker.verify.baseImages)");
    bad("basePolicy", keyless("ci@example.org", null), "<basePolicy>");
    bad("cachePolicy", keyless(null, "https://token.actions.githubusercontent.com"), "<cachePolicy>");
    badWith("trustedRoot", Map.of("cachePolicy", keyless("ci@example.org", "https://issuer.example"),
        "trustedRoot", new File("/nonexistent/trusted_root.json")), "<trustedRoot> (-Ddocker.verify.trustedRoot)");
    free("a cache directory, made when keyless verification first needs it", "tufCacheDirectory");
    // publish
    badWith("digests", Map.of("push", Boolean.TRUE, "digests", List.of("linux/arm64")), "<digests> (-Ddocker.publish.digests)");
    // sign
    badWith("signKey", Map.of("push", Boolean.TRUE, "signKey", new File("/nonexistent/cosign.key")),
        "<signKey> (-Ddocker.sign.key)");
    badWith("signFormats", Map.of("push", Boolean.TRUE, "signFormats", List.of("pgp")), "<signFormats> (-Ddocker.sign.formats)");
    badWith("signSubjects", Map.of("push", Boolean.TRUE, "signSubjects", List.of("everything")),
        "<signSubjects> (-Ddocker.sign.subjects)");
    // a POM map cannot hold a malformed entry: the -D form can
    badWith("signAnnotations", Map.of("push", Boolean.TRUE, "signKey", KEY, "-Ddocker.sign.annotations", "team"),
        "-Ddocker.sign.annotations 'team' is not key=value");
    badWith("signKeyPasswordServer", Map.of("push", Boolean.TRUE, "signKey", KEY, "signKeyPasswordServer", "no-such-server"),
        "<signKeyPasswordServer> (-Ddocker.sign.keyPasswordServer)");
    badWith("signFulcioUrl", Map.of("push", Boolean.TRUE, "signKeyless", Boolean.TRUE, "signFulcioUrl", "not a url"),
        "<signFulcioUrl> (-Ddocker.sign.fulcioUrl)");
    badWith("signRekorUrl", Map.of("push", Boolean.TRUE, "signKeyless", Boolean.TRUE, "signRekorUrl", "not a url"),
        "<signRekorUrl> (-Ddocker.sign.rekorUrl)");
    badWith("signIdentityTokenFile", Map.of("push", Boolean.TRUE, "signKeyless", Boolean.TRUE,
        "signIdentityTokenFile", new File("/nonexistent/token")), "<signIdentityTokenFile> (-Ddocker.sign.identityTokenFile)");
    badWith("signTrustedRoot", Map.of("push", Boolean.TRUE, "signKeyless", Boolean.TRUE, "signIdentityTokenFile", TOKEN,
        "signTrustedRoot", new File("/nonexistent/trusted_root.json")), "<signTrustedRoot> (-Ddocker.sign.trustedRoot)");
    badWith("signKeyPasswordEnv", Map.of("push", Boolean.TRUE, "signKey", ENCRYPTED_KEY, "signKeyPasswordEnv",
        "DOCKER_BUILD_TEST_UNSET"), "no password was given: tried no password (environment variable"
        + " DOCKER_BUILD_TEST_UNSET is not set)");
    badWith("signIdentityTokenEnv", Map.of("push", Boolean.TRUE, "signKeyless", Boolean.TRUE,
        "signIdentityTokenEnv", "BAD NAME"), "<signIdentityTokenEnv> (-Ddocker.sign.identityTokenEnv)");
    free("any audience the OIDC provider issues tokens for: Fulcio judges it when keyless signing runs",
        "signOidcAudience");
    free("a cache directory, made when keyless signing first needs it", "signTufCacheDirectory");
    // plan
    bad("planPhase", "nosuchphase", "<planPhase> (-Ddocker.plan.phase)");
    // every true/false flag: Maven reads any other word as false, so the first goal checks the POM's value
    free("true or false: any other POM value is refused by the first goal (GoalsOfTheRunTest)", "skip", "skipBuild",
        "skipMetadata", "skipPreflight", "skipPublish", "skipVerify", "skipSign", "push", "pull", "noCache", "serial",
        "forceCompression", "ociMediaTypes", "versionFromCi", "allowPartial", "dryRun", "annotateIndex", "signKeyless",
        "skipCompare", "compareFail", "signPartial", "retryOnAnotherNode", "force");
    // report and help run outside the build plan
    free("the report goal runs in the site lifecycle and renders what the record and the plan hold",
        "skipReport");
    free("the help goal prints this plugin's documentation", "detail", "goal", "indentSize", "lineLength");
  }

  @TempDir Path buildDirectory;

  private final MojoFixtures.RecordingLog log = new MojoFixtures.RecordingLog();

  @Provides
  MavenProject project() throws URISyntaxException {
    return MojoFixtures.project(MojoFixtures.model("1.0.0", buildDirectory), "/unit/image");
  }

  @Provides
  Log log() {
    return log;
  }

  /** goal → its parameters, as the generated descriptor lists them. */
  static Map<String, List<String>> descriptor() throws Exception {
    Map<String, List<String>> goals = new TreeMap<>();
    try (InputStream in = EveryParameterTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
      NodeList mojos = root.getElementsByTagName("mojo");
      for (int i = 0; i < mojos.getLength(); i++) {
        Element mojo = (Element) mojos.item(i);
        String goal = mojo.getElementsByTagName("goal").item(0).getTextContent();
        List<String> names = new ArrayList<>();
        Element parameters = (Element) mojo.getElementsByTagName("parameters").item(0);
        NodeList list = parameters == null ? null : parameters.getElementsByTagName("parameter");
        for (int j = 0; list != null && j < list.getLength(); j++) {
          Element p = (Element) list.item(j);
          if (!"false".equals(p.getElementsByTagName("editable").item(0).getTextContent())) {
            names.add(p.getElementsByTagName("name").item(0).getTextContent());
          }
        }
        goals.put(goal, names);
      }
    }
    return goals;
  }

  @Test
  void everyParameterOfEveryGoal_isCatalogued() throws Exception {
    TreeSet<String> all = new TreeSet<>();
    descriptor().values().forEach(all::addAll);

    assertThat(descriptor().keySet()).containsExactly("build", "compare", "help", "metadata", "plan", "preflight",
        "publish", "report", "sign", "verify");
    assertThat(new TreeSet<>(CATALOGUE.keySet())).as("parameters without a check or a reason, or gone")
        .containsExactlyElementsOf(all);
  }

  /** Each bad value of a goal's parameters, one at a time, on a freshly configured mojo's plan. */
  private List<String> refusals(AbstractImageMojo mojo, String goal) throws Exception {
    List<String> wrong = new ArrayList<>();
    List<String> names = descriptor().get(goal);
    for (Map.Entry<String, Object> entry : CATALOGUE.entrySet()) {
      if (!(entry.getValue() instanceof Bad bad) || !names.contains(entry.getKey()) || !home(entry.getKey()).equals(goal)) {
        continue;
      }
      Map<String, Object> saved = new LinkedHashMap<>();
      java.util.Properties user = mojo.session.getUserProperties();
      for (Map.Entry<String, Object> set : bad.set().entrySet()) {
        if (set.getKey().startsWith("-D")) {
          user.setProperty(set.getKey().substring(2), (String) set.getValue());
          continue;
        }
        saved.put(set.getKey(), get(mojo, set.getKey()));
        put(mojo, set.getKey(), set.getValue());
      }
      // the plan and the metadata are made once per module and run: forget them, as a new run would
      mojo.project.setContextValue("io.github.dockerbuild.plan", null);
      mojo.project.setContextValue("io.github.dockerbuild.metadata", null);
      try {
        mojo.plan();
        wrong.add(entry.getKey() + ": accepted " + bad.set());
      } catch (MojoExecutionException e) {
        String message = e.getMessage();
        String[] lines = message.split(System.lineSeparator());
        boolean named = java.util.Arrays.stream(lines).anyMatch(l -> l.contains(bad.says()));
        if (!named || !lines[lines.length - 1].endsWith(NOTHING_DONE)) {
          wrong.add(entry.getKey() + ": " + message.replace(System.lineSeparator(), " | "));
        }
      } finally {
        saved.forEach((k, v) -> put(mojo, k, v));
        bad.set().keySet().stream().filter(k -> k.startsWith("-D")).forEach(k -> user.remove(k.substring(2)));
      }
    }
    return wrong;
  }

  /** The goal whose test refuses a parameter's bad value: the first of the run order that has it. */
  private static String home(String name) throws Exception {
    if (name.equals("caCertificate") || name.equals("insecureRegistries")) {
      return "publish";
    }
    if (name.equals("platforms")) {
      return "build"; // metadata only names them; the build parses each
    }
    Map<String, List<String>> goals = descriptor();
    for (String goal : List.of("metadata", "build", "verify", "publish", "sign", "plan")) {
      if (goals.get(goal).contains(name)) {
        return goal;
      }
    }
    return "none";
  }

  private static Field field(Object mojo, String name) {
    for (Class<?> c = mojo.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new AssertionError("no field " + name + " in " + mojo.getClass());
  }

  private static Object get(Object mojo, String name) {
    try {
      return field(mojo, name).get(mojo);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static void put(Object mojo, String name, Object value) {
    try {
      field(mojo, name).set(mojo, value);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @InjectMojo(goal = "metadata", pom = POM)
  void metadata_everyBadValueIsRefusedFirst(MetadataMojo mojo) throws Exception {
    assertThat(refusals(mojo, "metadata")).isEmpty();
  }

  @Test
  @InjectMojo(goal = "build", pom = POM)
  void build_everyBadValueIsRefusedFirst(BuildMojo mojo) throws Exception {
    assertThat(refusals(mojo, "build")).isEmpty();
  }

  @Test
  @InjectMojo(goal = "verify", pom = POM)
  void verify_everyBadValueIsRefusedFirst(VerifyMojo mojo) throws Exception {
    assertThat(refusals(mojo, "verify")).isEmpty();
  }

  @Test
  @InjectMojo(goal = "publish", pom = POM)
  void publish_everyBadValueIsRefusedFirst(PublishMojo mojo) throws Exception {
    assertThat(refusals(mojo, "publish")).isEmpty();
  }

  @Test
  @InjectMojo(goal = "sign", pom = POM)
  void sign_everyBadValueIsRefusedFirst(SignMojo mojo) throws Exception {
    assertThat(refusals(mojo, "sign")).isEmpty();
  }

  @Test
  @InjectMojo(goal = "plan", pom = POM)
  void plan_everyBadValueIsRefusedFirst(PlanMojo mojo) throws Exception {
    assertThat(refusals(mojo, "plan")).isEmpty();
  }
}
