// Publish through a flaky registry: every fault is retried (one log line each), the goal succeeds,
// and the registry itself, read directly, holds the index under every tag with all its children.
import groovy.json.JsonSlurper

def loader = new GroovyClassLoader(getClass().classLoader)
def Registry = loader.parseClass(new File(itLib, 'Registry.groovy'))
def Proxy = loader.parseClass(new File(itLib, 'RegistryProxy.groovy'))
def proxy = Proxy.of(basedir)
try {
  def reg = Registry.newInstance(registry)
  def repo = "it/publish-faults-${proxy.property('it.nonce')}".toString()
  def target = "${proxy.host}/${repo}".toString()
  def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
  assert runs.size() == 4

  // run 1: BuildKit gave up pushing the arm64 image after its own retries; the plugin pushed it again from
  // BuildKit's cache, said so once, and the build succeeded
  def pushRetries = runs[1].readLines().findAll { it.startsWith('[WARNING] ') && it.contains('the push failed on a transient registry error') }
  assert pushRetries.size() == 1 : pushRetries.join('\n')
  assert pushRetries[0].startsWith('[WARNING] [linux/arm64] the push failed on a transient registry error (failed to solve: failed to push ')
  assert pushRetries[0].contains('503 Service Unavailable') && pushRetries[0].contains('pushing again from BuildKit\'s cache, attempt 2 of 5 in ')
  assert runs[1].contains('BUILD SUCCESS') && runs[1].contains('[linux/arm64] done in ')
  // amd64's one 503, retried by BuildKit itself: the release is green, with one warning saying so
  def buildkitRetries = runs[1].readLines().findAll { it.startsWith('[WARNING] [linux/amd64] the push hit ') }
  assert buildkitRetries.size() == 1 : buildkitRetries.join('\n')
  assert buildkitRetries[0].contains('1 transient registry error, retried by BuildKit: ') && buildkitRetries[0].contains('503 Service Unavailable')

  // run 2: each injected fault became one retry line, then the goal went on
  def retries = runs[2].readLines().findAll { it.startsWith('[WARNING] ') && it.contains('; attempt ') }
  assert retries.any { it =~ /push manifest \Q${target}\E@sha256:\w+: the registry answered 503 UNAVAILABLE: injected by the test proxy; attempt 2 of 5 in \d+\.\d s/ }
  assert retries.any { it =~ /push manifest \Q${target}\E@sha256:\w+: cannot reach \Q${proxy.host}\E \(.+\); attempt 3 of 5 in \d+\.\d s/ }
  // a HEAD answer has no body, so a 429 on a blob check carries no error code
  assert retries.count { it =~ /check blob \Q${target}\E@sha256:\w+: the registry answered 429 \(Retry-After: 1\); attempt [23] of 5 in 1\.0 s/ } == 2
  assert retries.any { it =~ /pull manifest \Q${proxy.host}\E\/it\/(amd64|arm64)-publish-faults@sha256:\w+: the registry answered 503 UNAVAILABLE: injected by the test proxy; attempt 2 of 5/ }
  assert retries.size() == 5 : retries.join('\n')
  assert !runs[2].contains('[ERROR]')
  assert !(runs[2] =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
  def published = (runs[2] =~ /published \Q${target}\E@(sha256:\w+) \(2 platforms\)/)
  assert published.find() : runs[2]
  def digest = published.group(1)

  // the proxy saw exactly those faults, and each faulted request was sent again and answered
  def segments = proxy.segments()
  assert segments.size() == 3
  def publish = Proxy.fromPlugin(segments[1])
  def faults = publish.findAll { it.fault }
  assert faults.collect { "${it.method} ${it.status}".toString() }.sort() ==
      ['GET 503', 'HEAD 429', 'HEAD 429', 'PUT 503', 'PUT null'].sort()
  faults.each { f ->
    def later = publish.drop(publish.indexOf(f) + 1)
    assert later.any { it.method == f.method && it.path == f.path && !it.fault && (it.status < 300 || it.status == 404) } :
        "${f.method} ${f.path} was not retried"
  }

  // the registry, read directly (not through the proxy): the index under both tags, complete
  def index = reg.manifest(repo, '1.0.0')
  assert index.digest == digest
  assert reg.manifest(repo, 'stable').digest == digest
  assert index.json.manifests*.platform*.architecture == ['amd64', 'arm64']
  index.json.manifests.each { child ->
    def m = reg.manifest(repo, child.digest)
    assert reg.blobJson(repo, m.json.config.digest).architecture == child.platform.architecture
    m.json.layers.each { assert reg.blobExists(repo, it.digest) }
  }
  assert new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json')).publish.indexDigest == digest

  // run 3: the registry healthy, the same index, no retry, nothing uploaded
  assert runs[3].contains("published ${target}@${digest}")
  assert !runs[3].contains('; attempt ')
  assert runs[3].contains('bytes uploaded: 0, blobs mounted or copied: 0')
  def rerun = Proxy.fromPlugin(segments[2])
  assert rerun.every { it.method in ['GET', 'HEAD'] && !it.fault && it.bytes == 0 }
} finally {
  proxy.stop()
}
true
