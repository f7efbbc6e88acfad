// A release whose arm64 failed: amd64 finished, was pushed to its own repository and signed there
// (signPartial, the default); no index was published and no multi-arch tag exists; the goal failed
// naming linux/arm64 and saying the pushed platform is signed; the cosign CLI verifies amd64.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def repo = "it/platform-failure-${nonce}"
def image = "${registry}/${repo}/base"
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 3
def error = runs[1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains("image ${image}: the build failed for linux/arm64 ")
assert error.contains('; the pushed platforms are signed (1 signature, -Ddocker.sign.partial=false not to)')
assert !error.contains('linux/amd64')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
assert !log.readLines().any { it.contains('Exception') && !it.contains('cwiki.apache.org') } : 'an exception name reached the log'
assert log.contains('arm64 is not supported by this step')

// quiet, the default without a terminal: per platform a start and a result line; the failed one's
// whole BuildKit output, which its file keeps as the other's does
def release = runs[1].readLines()
assert release.count { it.startsWith('[INFO] [linux/amd64] building and pushing ') } == 1
assert release.count { it ==~ /\[INFO\] \[linux\/amd64\] done in \d+ ms \(\d+ steps?, \d+ cached\): sha256:[0-9a-f]{64}(, the reproducible image pushed as .*)?/ } == 1
assert !release.any { it.startsWith('[INFO] [linux/amd64] #') } : 'a step of the platform that built reached the log'
assert release.count { it.startsWith("[INFO] [linux/arm64] BuildKit's output (") } == 1
assert release.any { it.startsWith('[INFO] [linux/arm64] #') && it.contains('arm64 is not supported by this step') }
assert !release.any { it ==~ /\[(INFO|WARNING)\] \[linux\/\w+\]\s*/ } : 'a blank prefixed line'
['linux-amd64', 'linux-arm64'].each {
  def kept = new File(basedir, "target/docker-build/${it}.log")
  assert kept.isFile() && kept.readLines().any { it.startsWith('#') }
}
assert !runs[1].contains(':publish (default) @') && !runs[1].contains(':sign (default) @') : 'a goal after the build ran'

def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
def amd64 = record.build.platforms.find { it.platform == 'linux/amd64' }
def arm64 = record.build.platforms.find { it.platform == 'linux/arm64' }
assert amd64.succeeded && amd64.digest ==~ /sha256:[0-9a-f]{64}/
assert !arm64.succeeded && arm64.error.contains('exit code 1')
// the amd64 image was pushed to its repository, the arm64 one was not
assert reg.manifest("${repo}/amd64-base", '1.0.0').digest == amd64.digest
assert !reg.exists("${repo}/arm64-base", '1.0.0')
// signed where it lives, by digest, and recorded
assert record.sign.signatures*.subject == ["${registry}/${repo}/amd64-base@${amd64.digest}".toString()]
def cosign = { String ref ->
  Registry.run(['cosign', 'verify', '--key', new File(basedir, 'cosign.pub').path, '--insecure-ignore-tlog=true',
      '--allow-insecure-registry', ref])
}
def verified = cosign("${registry}/${repo}/amd64-base:1.0.0")
assert verified[0] == 0 : verified
// no index, no multi-arch tag
assert !reg.exists("${repo}/base", '1.0.0') && !reg.exists("${repo}/base", 'latest')

// the publish that follows refuses, naming the platform, and still no multi-arch tag exists
def publishError = runs[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert publishError.contains("image ${image}: no per-arch image for linux/arm64 (its build failed or did not run); no tag was moved")
assert !reg.exists("${repo}/base", '1.0.0')
true
