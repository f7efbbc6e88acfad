import groovy.json.JsonSlurper

/**
 * Reads the loopback OCI registry the way a client would, for IT checks: manifests (by tag or
 * digest, OCI and Docker media types), configs, and the platform children of an index.
 */
class Registry {
  static final String ACCEPT = [
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json'].join(', ')

  final String host

  Registry(String host) { this.host = host }

  /**
   * A name unique to this run of a sample, for a repository of its own: the registry keeps what
   * earlier runs on the same machine pushed, and a check such as "one signature" must not see it.
   * Written to the sample's test.properties as it.nonce (the POM reads ${it.nonce}).
   */
  static String freshNonce(File basedir, Map<String, Object> more = [:]) {
    def nonce = UUID.randomUUID().toString().replace('-', '').substring(0, 12)
    new File(basedir, 'test.properties').text =
        (more + ['it.nonce': nonce]).collect { k, v -> "${k}=${v}\n" }.join('')
    nonce
  }

  /** The it.nonce that setup.groovy chose for this sample. */
  /** A fresh cosign key pair in basedir (cosign.key, cosign.pub), made by the cosign CLI itself. */
  static void cosignKeyPair(File basedir, String password) {
    ['cosign.key', 'cosign.pub'].each { new File(basedir, it).delete() }
    def pb = new ProcessBuilder(['cosign', 'generate-key-pair']).directory(basedir).redirectErrorStream(true)
    pb.environment().put('COSIGN_PASSWORD', password)
    def p = pb.start()
    def out = p.inputStream.text
    assert p.waitFor() == 0 : out
    assert new File(basedir, 'cosign.key').text.contains('ENCRYPTED SIGSTORE PRIVATE KEY')
  }

  static String nonce(File basedir) {
    def p = new Properties()
    new File(basedir, 'test.properties').withInputStream { p.load(it) }
    assert p.getProperty('it.nonce') : "no it.nonce in ${basedir}/test.properties: see setup.groovy"
    p.getProperty('it.nonce')
  }

  /** [mediaType, digest, json] of a manifest or index; fails when absent. */
  Map manifest(String repo, String ref) {
    def conn = new URL("http://${host}/v2/${repo}/manifests/${ref}").openConnection()
    conn.setRequestProperty('Accept', ACCEPT)
    if (conn.responseCode != 200) {
      throw new AssertionError("GET ${repo}:${ref} answered ${conn.responseCode}")
    }
    def body = conn.inputStream.bytes
    [mediaType: conn.getHeaderField('Content-Type'),
     digest: conn.getHeaderField('Docker-Content-Digest'),
     json: new JsonSlurper().parse(body)]
  }

  /** The repository's tags with the digest each points at, sorted; empty when the repository does not exist. */
  Map<String, String> tagDigests(String repo) {
    def conn = new URL("http://${host}/v2/${repo}/tags/list").openConnection()
    if (conn.responseCode == 404) {
      return [:]
    }
    assert conn.responseCode == 200 : "tags of ${repo}: ${conn.responseCode}"
    def tags = (new JsonSlurper().parse(conn.inputStream).tags ?: []).sort()
    tags.collectEntries { [(it): manifest(repo, it).digest] }
  }

  boolean exists(String repo, String ref) {
    def conn = new URL("http://${host}/v2/${repo}/manifests/${ref}").openConnection()
    conn.requestMethod = 'HEAD'
    conn.setRequestProperty('Accept', ACCEPT)
    conn.responseCode == 200
  }

  boolean blobExists(String repo, String digest) {
    def conn = new URL("http://${host}/v2/${repo}/blobs/${digest}").openConnection()
    conn.requestMethod = 'HEAD'
    conn.responseCode == 200
  }

  Map blobJson(String repo, String digest) {
    new JsonSlurper().parse(new URL("http://${host}/v2/${repo}/blobs/${digest}"))
  }

  /** The image manifest for os/arch under ref, following an index when ref names one. */
  Map imageManifest(String repo, String ref, String arch) {
    def m = manifest(repo, ref)
    if (m.json.manifests != null) {
      def child = m.json.manifests.find { it.platform?.architecture == arch }
      assert child != null : "${repo}:${ref} has no ${arch} child: ${m.json.manifests*.platform}"
      return manifest(repo, child.digest)
    }
    m
  }

  /** Runs a command, with these environment variables added, returns [exit, output]. */
  static List run(List<String> command, Map<String, String> env = [:], File dir = null) {
    def pb = new ProcessBuilder(command).redirectErrorStream(true)
    if (dir != null) {
      pb.directory(dir)
    }
    pb.environment().putAll(env)
    def p = pb.start()
    def out = p.inputStream.text
    [p.waitFor(), out]
  }

  /** Runs {@code command} in {@code dir}; fails the script with its output unless it exits 0. */
  static void runOk(List<String> command, File dir, Map<String, String> env = [:]) {
    def (exit, out) = run(command, env, dir)
    assert exit == 0 : "${command}: ${out}"
  }
}
