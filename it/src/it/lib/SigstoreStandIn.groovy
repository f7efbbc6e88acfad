/**
 * The local Sigstore of the keyless ITs: a Fulcio (gRPC over TLS) and a Rekor (HTTP) issuing from
 * test keys, run from the plugin module's test classes as a process of its own. setup.groovy starts
 * it; it writes its trusted_root.json, a JVM trust store for Fulcio's TLS certificate and an
 * identity token under target/sigstore, and puts what the Maven runs need into test.properties
 * (which the invoker passes to every run as -D properties: the trust store too, so the Maven JVM
 * trusts Fulcio). verify.groovy stops it; it also ends with the Maven that started it.
 */
class SigstoreStandIn {
  static final String MAIN = 'io.github.dockerbuild.signature.sign.standin.SigstoreStandIn'

  final File dir
  final Properties properties

  SigstoreStandIn(File dir, Properties properties) {
    this.dir = dir
    this.properties = properties
  }

  /** Starts it for a sample; fails when it does not come up within 60 s. */
  static SigstoreStandIn start(File basedir, Object pluginTarget) {
    def dir = new File(basedir, 'target/sigstore')
    dir.mkdirs()
    def ready = new File(dir, 'standin.properties')
    ready.delete()
    def target = new File(pluginTarget.toString())
    def classpath = new File(target, 'test-classpath.txt')
    assert classpath.exists() : "${classpath} is missing: build the plugin module first"
    def java = new File(System.getProperty('java.home'), 'bin/java').path
    def logFile = new File(dir, 'standin.log')
    def process = new ProcessBuilder(java, '-cp',
        [new File(target, 'test-classes').path, new File(target, 'classes').path, classpath.text.trim()]
            .join(File.pathSeparator), MAIN, dir.path)
        .redirectErrorStream(true).redirectOutput(logFile).start()
    for (int i = 0; i < 600 && !ready.exists() && process.alive; i++) {
      Thread.sleep(100)
    }
    assert ready.exists() : "the Sigstore stand-in did not start: ${logFile.text}"
    def props = new Properties()
    ready.withInputStream { props.load(it) }
    props.setProperty('pid', process.pid() as String)
    ready.withOutputStream { props.store(it, null) }
    def standIn = new SigstoreStandIn(dir, props)
    def test = new Properties()
    test.setProperty('docker.sign.fulcioUrl', props.getProperty('fulcioUrl'))
    test.setProperty('docker.sign.rekorUrl', props.getProperty('rekorUrl'))
    test.setProperty('docker.sign.trustedRoot', props.getProperty('trustedRoot'))
    test.setProperty('docker.verify.trustedRoot', props.getProperty('trustedRoot'))
    test.setProperty('docker.sign.identityTokenFile', new File(dir, 'token.jwt').path)
    test.setProperty('javax.net.ssl.trustStore', props.getProperty('trustStore'))
    test.setProperty('javax.net.ssl.trustStorePassword', props.getProperty('trustStorePassword'))
    test.setProperty('keyless.identity', props.getProperty('email'))
    test.setProperty('keyless.issuer', props.getProperty('issuer'))
    new File(basedir, 'test.properties').withOutputStream { test.store(it, null) }
    standIn
  }

  /** The stand-in a sample's setup started. */
  static SigstoreStandIn of(File basedir) {
    def dir = new File(basedir, 'target/sigstore')
    def props = new Properties()
    new File(dir, 'standin.properties').withInputStream { props.load(it) }
    new SigstoreStandIn(dir, props)
  }

  String property(String name) { properties.getProperty(name) }

  /** What it served: [certificates: issued, entries: logged]. */
  Map stats() {
    new groovy.json.JsonSlurper().parse(new URL("${property('rekorUrl')}/stats"))
  }

  /** The identity token the runs signed with: it must never show in a log. */
  String token() { new File(dir, 'token.jwt').text.trim() }

  void stop() {
    ProcessHandle.of(property('pid') as long).ifPresent { it.destroy() }
  }
}
