// Keyless signatures from the local Fulcio and Rekor: one certificate for the run, one log entry per
// signature; the verify goal and the real cosign CLI accept them for the token's identity and issuer
// only; the token never shows in the log.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def StandIn = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'SigstoreStandIn.groovy'))
def sigstore = StandIn.of(basedir)
try {
  def reg = Registry.newInstance(registry)
  def repo = 'it/keyless-base'
  def log = new File(basedir, 'build.log').text
  def runs = log.split(/(?m)^\[INFO\] Scanning for projects/)
  assert runs.size() == 4 : 'expected three Maven runs in build.log'
  def (produce, consume, stranger) = runs[1..3]
  def identity = sigstore.property('email')
  def issuer = sigstore.property('issuer')
  def signer = "${identity} (issuer ${issuer})"

  // what was signed: the index, each platform manifest in it, each per-arch digest buildx pushed
  def index = reg.manifest(repo, '1.0.0')
  def platforms = index.json.manifests.findAll { it.platform.architecture != 'unknown' }
  def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
  def subjects = [index.digest] + platforms*.digest + record.build.platforms*.digest
  assert subjects.size() == 5
  assert produce.contains("with a Fulcio certificate from ${sigstore.property('fulcioUrl')} for the identity token in ")
  subjects.each { digest ->
    assert produce.readLines().any { it.contains("signed ${registry}/${repo}@${digest}") && it.contains('[legacy]') } :
        "no keyless signature of ${digest}"
  }
  assert record.sign.signatures.size() == 5
  assert record.sign.signatures.every { it.signer == signer && it.format == 'legacy' }

  // each layer carries the certificate and the Rekor bundle, as cosign writes them
  def sig = reg.manifest(repo, index.digest.replace(':', '-') + '.sig')
  assert sig.json.layers.size() == 1
  def annotations = sig.json.layers[0].annotations
  assert annotations['dev.sigstore.cosign/certificate'].startsWith('-----BEGIN CERTIFICATE-----')
  def rekorBundle = new JsonSlurper().parseText(annotations['dev.sigstore.cosign/bundle'])
  assert rekorBundle.SignedEntryTimestamp && rekorBundle.Payload.logIndex instanceof Number

  // the verify goal accepts the signed base for the token's identity, and rejects another identity
  def base = "${registry}/${repo}:1.0.0"
  def verified = consume.readLines().find { it.contains("base image ${base}: verified ${index.digest}, signed by ${signer} (legacy format)") }
  assert verified != null : consume.readLines().findAll { it.contains('base image') }.join('\n')
  def rejected = stranger.readLines().find { it.startsWith('[WARNING]') && it.contains("base image ${base} ") && it.contains('FAILED verification') }
  assert rejected != null && rejected.contains('identity') && rejected.contains('someone-else@example.com')
  assert stranger.contains('[ERROR] Failed to execute goal') && !stranger.contains('\tat io.github')

  // the real cosign CLI, with the same trust root and no network, agrees on every digest
  def cosign = { String digest, String who ->
    Registry.run(['cosign', 'verify', '--trusted-root', sigstore.property('trustedRoot'), '--offline=true',
                  '--certificate-identity', who, '--certificate-oidc-issuer', issuer, '--allow-insecure-registry',
                  "${registry}/${repo}@${digest}".toString()])
  }
  subjects.each { digest ->
    def (exit, out) = cosign(digest, identity)
    assert exit == 0 : "cosign verify ${digest}: ${out}"
  }
  def (exit, out) = cosign(index.digest, 'someone-else@example.com')
  assert exit != 0 : 'cosign accepted another identity'
  println "cosign verify, another identity: ${out.readLines().findAll { it.contains('rror') }}"

  // one certificate for the whole run, one log entry per signature
  def stats = sigstore.stats()
  assert stats.certificates == 1 : stats
  assert stats.entries == 5 : stats

  // the token is never logged
  assert !log.contains(sigstore.token())
  assert !log.contains(sigstore.token().split('\\.')[1])
} finally {
  sigstore.stop()
}
true
