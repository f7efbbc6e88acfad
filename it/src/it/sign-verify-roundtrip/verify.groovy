// The producer's index, signed by the sign goal, is verified by the verify goal in each format;
// after its tag moved to other content, verify rejects the new digest.
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 6 : "expected five Maven runs in build.log"
def (produce, legacy, bundle, repush, reject) = runs[1..5]

def base = "${registry}/it/roundtrip-base:1.0.0"
def verified = { String run, String format ->
  def m = (run =~ /base image ${java.util.regex.Pattern.quote(base)}: verified (sha256:[0-9a-f]{64}), signed by (ECDSA P-256 key SHA256:\S+) \(${format} format\)/)
  assert m.find() : "the ${format} signature was not verified:\n" + run.readLines().findAll { it.contains('base image') }.join('\n')
  m.group(1)
}
def d1 = verified(legacy, 'legacy')
def d2 = verified(bundle, 'bundle')
assert d1 == d2
// the producer signed that very digest (the index) in both formats
assert produce.readLines().any { it.contains("signed ${registry}/it/roundtrip-base@${d1} (index) [legacy]") }
assert produce.readLines().any { it.contains("signed ${registry}/it/roundtrip-base@${d1} (index) [bundle]") }

assert repush.contains('BUILD SUCCESS')
def rejected = reject.readLines().find { it.startsWith('[WARNING]') && it.contains("base image ${base} ") && it.contains('FAILED verification') }
assert rejected != null
assert !rejected.contains(d1) : 'the tag did not move'
assert rejected.contains('signature-present')
assert reject.contains('[ERROR] Failed to execute goal') && !reject.contains('\tat io.github')
true
