// Every signature the sign goal wrote is checked by the real cosign CLI, in both formats; a
// signature moved onto another digest must not verify; the log shows neither password nor key.
import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import java.security.MessageDigest

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def repo = "it/sign-key-${Registry.nonce(basedir)}".toString()
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 5

def index = reg.manifest(repo, '1.0.0')
def platforms = index.json.manifests.findAll { it.platform.architecture != 'unknown' }
assert platforms*.platform*.architecture == ['amd64', 'arm64']
def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
// the index, each platform manifest in it, and each per-arch digest buildx pushed (an index of its own
// with buildx's provenance, behind the per-arch tag)
def perArch = record.build.platforms*.digest
assert perArch.intersect(platforms*.digest).isEmpty()
def subjects = [index.digest] + platforms*.digest + perArch

def pub = new File(basedir, 'cosign.pub').path
def root = new File(basedir, 'empty-trusted-root.json')
root.text = '{"mediaType":"application/vnd.dev.sigstore.trustedroot+json;version=0.1","tlogs":[],' +
    '"certificateAuthorities":[],"ctlogs":[],"timestampAuthorities":[]}'

def cosignLegacy = { String digest ->
  Registry.run(['cosign', 'verify', '--key', pub, '--insecure-ignore-tlog=true', '--allow-insecure-registry',
                "${registry}/${repo}@${digest}".toString()])
}
// cosign 2.5's `verify` does not read bundles; its `verify-attestation --new-bundle-format` does, with the
// sign predicate type, checking the DSSE signature with the key and the statement's subject digest
def cosignBundle = { String digest ->
  Registry.run(['cosign', 'verify-attestation', '--key', pub, '--insecure-ignore-tlog=true', '--allow-insecure-registry',
                '--new-bundle-format', '--trusted-root', root.path, '--type', 'https://sigstore.dev/cosign/sign/v1',
                "${registry}/${repo}@${digest}".toString()])
}

subjects.each { digest ->
  def (exit, out) = cosignLegacy(digest)
  assert exit == 0 : "cosign verify ${digest}: ${out}"
  assert out.contains("\"docker-manifest-digest\":\"${digest}\"")
  assert out.contains('"it-run":"sign-key"')
  (exit, out) = cosignBundle(digest)
  assert exit == 0 : "cosign verify-attestation ${digest}: ${out}"
  def statement = new JsonSlurper().parse(out.readLines().find { it.startsWith('{"payload"') }.with {
    new JsonSlurper().parseText(it).payload.decodeBase64() })
  assert statement._type == 'https://in-toto.io/Statement/v1'
  assert statement.subject == [[digest: [sha256: digest - 'sha256:'], annotations: ['it-run': 'sign-key']]]
}

// one legacy signature manifest per digest, one layer each (run 2 added nothing)
subjects.each { digest ->
  def sig = reg.manifest(repo, "${digest.replace(':', '-')}.sig")
  assert sig.json.layers.size() == 1
  def referrers = reg.manifest(repo, digest.replace(':', '-'))
  assert referrers.json.manifests.size() == 1
  assert referrers.json.manifests[0].artifactType == 'application/vnd.dev.sigstore.bundle.v0.3+json'
}

// the index's signatures moved onto another digest (an attestation manifest in the same repository)
def other = index.json.manifests.find { it.platform.architecture == 'unknown' }
assert other != null
def put = { String ref, byte[] bytes, String mediaType ->
  def conn = new URL("http://${registry}/v2/${repo}/manifests/${ref}").openConnection()
  conn.requestMethod = 'PUT'
  conn.doOutput = true
  conn.setRequestProperty('Content-Type', mediaType)
  conn.outputStream.withStream { it.write(bytes) }
  assert conn.responseCode == 201 : "PUT ${ref}: ${conn.responseCode}"
}
def sha256 = { byte[] b -> 'sha256:' + MessageDigest.getInstance('SHA-256').digest(b).encodeHex().toString() }
def indexSig = new URL("http://${registry}/v2/${repo}/manifests/${index.digest.replace(':', '-')}.sig").openConnection()
indexSig.setRequestProperty('Accept', 'application/vnd.oci.image.manifest.v1+json')
put("${other.digest.replace(':', '-')}.sig", indexSig.inputStream.bytes, 'application/vnd.oci.image.manifest.v1+json')
def (exit, out) = cosignLegacy(other.digest)
assert exit != 0 : "the index's legacy signature verified for ${other.digest}: ${out}"
assert out.contains('no matching signatures: invalid or missing digest in claim') : out
println "cosign verify, index signature on another digest: ${out.readLines().findAll { it.contains('rror') }}"

def bundleRef = reg.manifest(repo, index.digest.replace(':', '-')).json.manifests[0]
def referrer = reg.manifest(repo, bundleRef.digest).json
referrer.subject = [mediaType: other.mediaType, size: other.size, digest: other.digest]
byte[] moved = JsonOutput.toJson(referrer).getBytes('UTF-8')
put(sha256(moved), moved, 'application/vnd.oci.image.manifest.v1+json')
def movedIndex = [schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
                  manifests: [[mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(moved),
                               size: moved.length, artifactType: bundleRef.artifactType, annotations: bundleRef.annotations]]]
put(other.digest.replace(':', '-'), JsonOutput.toJson(movedIndex).getBytes('UTF-8'), 'application/vnd.oci.image.index.v1+json')
(exit, out) = cosignBundle(other.digest)
assert exit != 0 : "the index's bundle verified for ${other.digest}: ${out}"
assert out.contains('provided artifact digest does not match any digest in statement') : out
println "cosign verify-attestation, index bundle on another digest: ${out.readLines().findAll { it.contains('rror') }}"

// the record names every signature
assert record.sign.signatures.size() == 10
assert record.sign.signatures*.format as Set == ['legacy', 'bundle'] as Set
assert record.sign.signatures*.signer.unique().size() == 1 && record.sign.signatures[0].signer.startsWith('SHA256:')
assert record.sign.signatures.findAll { it.platform == null }*.subject.unique() == ["${registry}/${repo}@${index.digest}".toString()]

assert runs[1].contains('signatures written: 10, already present: 0')
assert runs[2].contains('signatures written: 0, already present: 10')
assert runs[3].contains('cannot be decrypted: wrong password for this encrypted cosign key: tried the password in environment variable COSIGN_PASSWORD')
assert runs[4].contains("Not signing ${registry}/${repo}: this local build does not push")

// neither password nor key material in any run's log
['it-sign-Passw0rd-91c7', 'wrong-Passw0rd-e5'].each { assert !log.contains(it) }
new File(basedir, 'cosign.key').readLines().findAll { !it.startsWith('-----') }.each { assert !log.contains(it) }
assert !log.contains('PRIVATE KEY')
true
