// Round 2 verified the signed base (pinned by digest) and the cache sources (amd64 signed: used;
// arm64 unsigned: dropped); round 3's unsigned base stopped the build before buildx ran. The cosign
// CLI, as an independent check, agrees on each image's signature.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def log = new File(basedir, 'build.log').text
def rounds = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert rounds.size() >= 4 : "expected three Maven runs in build.log"
def (round1, round2, round3) = [rounds[-3], rounds[-2], rounds[-1]]

def reg = Registry.newInstance(registry)

// key policies that ignore the log never need sigstore-java: it is not resolved into the plugin's realm
assert !log.contains('sigstore-java') : 'a key-based verification loaded sigstore-java'

// every goal's start reads the plugin's descriptor and a few hundred of its classes from its jar,
// which stores them rather than deflating them (inflating cost a lone verify about 9 ms)
def pluginJar = new File(pluginTarget).listFiles().find { it.name ==~ /docker-build-maven-plugin-[0-9.]+(-SNAPSHOT)?\.jar/ }
assert pluginJar != null : "no plugin jar in ${pluginTarget}"
new java.util.zip.ZipFile(pluginJar).withCloseable { zip ->
  def deflated = Collections.list(zip.entries()).findAll { it.method == java.util.zip.ZipEntry.DEFLATED }*.name
  assert deflated.isEmpty() : "${pluginJar.name} deflates ${deflated.size()} entries, e.g. ${deflated.take(3)}: rebuild it with clean or -Dmaven.jar.forceCreation=true"
}

// round 3's plan (written by its first goal, before it failed) lists what verify checks, per platform
def plan = new JsonSlurper().parse(new File(basedir, 'target/docker-build/plan.json'))
def key = "key ${new File(basedir, 'cosign.pub').canonicalPath} (no transparency log)"
assert plan.verify.basePolicy == key && plan.verify.cachePolicy == key
assert plan.verify.formats == ['legacy', 'bundle']
assert plan.verify.targets.findAll { it.role == 'base' }*.name.unique() == ['BASE_IMAGE']
assert plan.verify.targets.findAll { it.role == 'cache' }.size() == 2
def signedBase = reg.manifest('it/verify-key-base', 'signed').digest
def unsignedBase = reg.manifest('it/verify-key-base', 'unsigned').digest
assert signedBase != unsignedBase

// round 2: the base image verified and built from by digest
assert round2.contains("base image ${registry}/it/verify-key-base:signed: verified ${signedBase}, signed by ECDSA P-256 key SHA256:")
['amd64', 'arm64'].each { arch ->
  assert round2.contains("[linux/${arch}] base image ${registry}/it/verify-key-base:signed (build arg BASE_IMAGE) is used as ${registry}/it/verify-key-base@${signedBase}")
  assert round2.readLines().any { it.startsWith("[INFO] [linux/${arch}] #") && it.contains("load metadata for ${registry}/it/verify-key-base@${signedBase}") }
}
// the signed amd64 cache source is used by digest and its expensive step is CACHED
def amd64Cache = round2.find(/cache source ${java.util.regex.Pattern.quote(registry)}\/it\/verify-key:1\.0\.0-amd64: verified (sha256:[0-9a-f]{64})/) { all, d -> d }
assert amd64Cache != null : 'the amd64 cache source was not verified'
assert round2.contains("[linux/amd64] cache source ${registry}/it/verify-key:1.0.0-amd64 is used as ${registry}/it/verify-key@${amd64Cache}")
def stepOf = { String text, String arch ->
  def line = text.readLines().find { it.contains("[linux/${arch}] ") && it.contains('RUN echo "expensive work') }
  assert line != null : "no expensive step for ${arch}"
  (line =~ /#(\d+) \[/)[0][1]
}
assert round2.contains("[linux/amd64] #${stepOf(round2, 'amd64')} CACHED") : 'amd64: the verified cache was not used'
// the unsigned arm64 cache source is dropped with a warning naming the image and the failed check
assert round2.readLines().any { it.startsWith('[WARNING]') && it.contains("cache source ${registry}/it/verify-key:1.0.0-arm64") && it.contains('DROPPED verification: signature-present: expected a signature of sha256:') }
assert !round2.contains("[linux/arm64] #${stepOf(round2, 'arm64')} CACHED") : 'arm64: an unverified cache source was used'
assert round2.contains('BUILD SUCCESS')

// the record keeps each outcome for the report
def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
// (round 3 rewrote the verify section: it holds round 3's outcomes)
def base3 = record.verify.images.find { it.role == 'base' }
// round 2's build recorded what it did with each cache source, linked to the verification that decided it
// (round 3 stopped before building, so the build section is round 2's)
def uses = record.build.platforms.collectEntries { [(it.platform): it.cacheFrom] }
assert uses['linux/amd64']*.use == ['verified'] && uses['linux/amd64'][0].passed.attributes.ref == "${registry}/it/verify-key@${amd64Cache}"
assert uses['linux/amd64'][0].verified == uses['linux/amd64'][0].entry.attributes.ref
assert uses['linux/arm64']*.use == ['dropped'] && uses['linux/arm64'][0].passed == null
assert uses['linux/arm64'][0].reason.startsWith('dropped by verify: signature-present: expected a signature of sha256:')
assert base3.outcome == 'failed' && base3.check == 'signature-present' && base3.digest == unsignedBase

// round 3: the unsigned base stopped the build before any buildx process
assert round3.readLines().any { it.startsWith('[WARNING]') && it.contains("base image ${registry}/it/verify-key-base:unsigned ${unsignedBase}: FAILED verification: signature-present") }
assert round3.contains("[ERROR] Failed to execute goal io.github.dockerbuild:docker-build-maven-plugin")
assert round3.contains("base image ${registry}/it/verify-key-base:unsigned (build arg BASE_IMAGE) ${unsignedBase} failed verification")
assert !round3.contains('] building ') : 'buildx ran although the base image failed verification'
assert !round3.contains('\tat io.github') : 'a stack trace for a verification failure'

// the cosign CLI agrees: the signed base and the amd64 image verify with the key, the others do not
def cosign = { String ref ->
  Registry.run(['cosign', 'verify', '--key', new File(basedir, 'cosign.pub').path, '--insecure-ignore-tlog=true',
      '--allow-insecure-registry', ref])[0]
}
assert cosign("${registry}/it/verify-key-base@${signedBase}") == 0
assert cosign("${registry}/it/verify-key@${amd64Cache}") == 0
assert cosign("${registry}/it/verify-key-base@${unsignedBase}") != 0
true
