// Keyless signatures from the local Fulcio and Rekor, in both formats: one certificate per format,
// one log entry per signature; the verify goal and the real cosign CLI accept them for the token's
// identity and issuer only; the token never shows in the log.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def StandIn = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'SigstoreStandIn.groovy'))
def sigstore = StandIn.of(basedir)
try {
  def reg = Registry.newInstance(registry)
  def repo = 'it/keyless-base'
  def log = new File(basedir, 'build.log').text
  def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
  assert runs.size() == 5 : 'expected four Maven runs in build.log'
  def (produce, consumeLegacy, consumeBundle, stranger) = runs[1..4]
  def identity = sigstore.property('email')
  def issuer = sigstore.property('issuer')
  def signer = "${identity} (issuer ${issuer})"

  // what was signed: the index, each platform manifest in it, each per-arch digest buildx pushed
  // (the consumer runs replaced the build record, so the producer's log says which digests)
  def index = reg.manifest(repo, '1.0.0')
  def platforms = index.json.manifests.findAll { it.platform.architecture != 'unknown' }
  assert produce.contains("with a Fulcio certificate from ${sigstore.property('fulcioUrl')} for the identity token in ")
  def signed = { String format ->
    produce.readLines().findAll { it.startsWith("[INFO] signed ${registry}/${repo}@") && it.contains("[${format}]") }
        .collect { (it =~ /@(sha256:[0-9a-f]{64})/)[0][1] }
  }
  def subjects = signed('legacy')
  assert subjects.size() == 5 && subjects.toSet().size() == 5 : subjects
  assert subjects.containsAll([index.digest] + platforms*.digest)
  assert signed('bundle').toSet() == subjects.toSet()
  subjects.each { assert reg.exists(repo, it.replace(':', '-') + '.sig') : "no signature tag for ${it}" }
  assert produce.contains('signatures written: 10, already present: 0')

  // each layer carries the certificate and the Rekor bundle, as cosign writes them
  def sig = reg.manifest(repo, index.digest.replace(':', '-') + '.sig')
  assert sig.json.layers.size() == 1
  def annotations = sig.json.layers[0].annotations
  assert annotations['dev.sigstore.cosign/certificate'].startsWith('-----BEGIN CERTIFICATE-----')
  def rekorBundle = new JsonSlurper().parseText(annotations['dev.sigstore.cosign/bundle'])
  assert rekorBundle.SignedEntryTimestamp && rekorBundle.Payload.logIndex instanceof Number

  // the verify goal accepts the signed base for the token's identity, and rejects another identity
  def base = "${registry}/${repo}:1.0.0"
  [legacy: consumeLegacy, bundle: consumeBundle].each { format, run ->
    def verified = run.readLines().find { it.contains("base image ${base}: verified ${index.digest}, signed by ${signer} (${format} format)") }
    assert verified != null : run.readLines().findAll { it.contains('base image') }.join('\n')
  }
  def rejected = stranger.readLines().find { it.startsWith('[WARNING]') && it.contains("base image ${base} ") && it.contains('FAILED verification') }
  assert rejected != null && rejected.contains('identity') && rejected.contains('someone-else@example.com')
  assert stranger.contains('[ERROR] Failed to execute goal') && !stranger.contains('\tat io.github')

  // the real cosign CLI, given the same keys and no network, agrees on every digest (cosign 2.5
  // reads keyless trust material from these variables; it asks TUF otherwise, even with --trusted-root)
  def cosignEnv = [SIGSTORE_ROOT_FILE: new File(sigstore.dir, 'fulcio-root.pem').path,
                   SIGSTORE_REKOR_PUBLIC_KEY: new File(sigstore.dir, 'rekor.pub').path,
                   SIGSTORE_CT_LOG_PUBLIC_KEY_FILE: new File(sigstore.dir, 'ctlog.pub').path,
                   TUF_ROOT: new File(sigstore.dir, 'no-tuf').path]
  def cosignRun = { List<String> args -> Registry.run(['cosign'] + args, cosignEnv) }
  def cosign = { String digest, String who ->
    cosignRun(['verify', '--offline=true', '--certificate-identity', who, '--certificate-oidc-issuer', issuer,
               '--allow-insecure-registry', "${registry}/${repo}@${digest}".toString()])
  }
  subjects.each { digest ->
    def (exit, out) = cosign(digest, identity)
    assert exit == 0 : "cosign verify ${digest}: ${out}"
    assert out.contains('The code-signing certificate was verified using trusted certificate authority certificates')
  }
  def (exit, out) = cosign(index.digest, 'someone-else@example.com')
  assert exit != 0 : 'cosign accepted another identity'
  println "cosign verify, another identity: ${out.readLines().findAll { it.contains('rror') }}"

  // bundles: cosign 2.5 reads them with verify-attestation --new-bundle-format, against the trust root
  def cosignBundle = { String digest, String who ->
    cosignRun(['verify-attestation', '--new-bundle-format', '--trusted-root', sigstore.property('trustedRoot'),
               '--type', 'https://sigstore.dev/cosign/sign/v1', '--certificate-identity', who,
               '--certificate-oidc-issuer', issuer, '--allow-insecure-registry',
               "${registry}/${repo}@${digest}".toString()])
  }
  subjects.each { digest ->
    def (code, text) = cosignBundle(digest, identity)
    assert code == 0 : "cosign verify-attestation ${digest}: ${text}"
  }
  (exit, out) = cosignBundle(index.digest, 'someone-else@example.com')
  assert exit != 0 : 'cosign accepted a bundle for another identity'

  // one certificate for the whole run, one log entry per signature
  def stats = sigstore.stats()
  assert stats.certificates == 2 : stats   // one per format: legacy through sigstore-java's signer, bundles beside it
  assert stats.entries == 10 : stats

  // keyless signing and verification load sigstore-java into the realm, once per Maven run
  def loads = log.readLines().findAll { it.contains('docker-build: sigstore-java ') && it.contains(' loaded for ') }
  assert loads.size() == 4 : loads
  assert loads[0].contains('loaded for keyless signing (') : loads[0]
  assert loads[1..3].every { it.contains('loaded for keyless verification (') } : loads

  // the token is never logged
  assert !log.contains(sigstore.token())
  assert !log.contains(sigstore.token().split('\\.')[1])
} finally {
  sigstore.stop()
}
true
