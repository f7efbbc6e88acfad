// Two-platform build pushed to the loopback registry: right platform, injected labels,
// zstd layers, the RUN step really ran on each architecture, and the build record says so.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def log = new File(basedir, 'build.log').text
def repo = 'it/build-multiarch'

['amd64', 'arm64'].each { arch ->
  def m = reg.manifest(repo, "1.0.0-${arch}")
  assert m.mediaType == 'application/vnd.oci.image.manifest.v1+json'
  assert m.json.layers.size() >= 2
  m.json.layers.each { assert it.mediaType == 'application/vnd.oci.image.layer.v1.tar+zstd' }
  def config = reg.blobJson(repo, m.json.config.digest)
  assert config.architecture == arch
  assert config.os == 'linux'
  def labels = config.config.Labels
  assert labels['org.opencontainers.image.version'] == '1.0.0'
  assert labels['org.opencontainers.image.title'] == 'Multi-arch sample'
  assert labels['org.opencontainers.image.source'] == 'https://example.org/scm/build-multiarch'
  assert labels['org.opencontainers.image.licenses'] == 'Apache-2.0'
  assert labels['org.opencontainers.image.created'] ==~ /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/
  assert labels['com.example.team'] == 'platform'
  assert log.contains("[linux/${arch}] done in")
  assert log.contains("[linux/${arch}] #")   // buildx progress streamed with the platform prefix
}

// The RUN step executed on each architecture (arm64 under emulation): the real docker CLI runs it.
def (exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--quiet', '--platform', 'linux/arm64',
                                "${registry}/${repo}:1.0.0-arm64".toString(), 'cat', '/uname.txt', '/build-arch.txt'])
assert exit == 0 : out
assert out.readLines() == ['aarch64', 'arm64']
(exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--quiet', '--platform', 'linux/amd64',
                            "${registry}/${repo}:1.0.0-amd64".toString(), 'cat', '/uname.txt', '/version.txt'])
assert exit == 0 : out
assert out.readLines() == ['x86_64', '1.0.0']

def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
assert record.build.pushed == true
assert record.build.platforms*.platform == ['linux/amd64', 'linux/arm64']
assert record.build.platforms.every { it.succeeded && it.digest ==~ /sha256:[0-9a-f]{64}/ }
assert record.metadata.tags == ['1.0.0']
true
