// A merge job publishes from arch-prefixed repositories: every blob is mounted into the target
// repository (never uploaded), counted at a proxy in front of the registry; a re-run only checks.
def loader = new GroovyClassLoader(getClass().classLoader)
def Registry = loader.parseClass(new File(itLib, 'Registry.groovy'))
def Proxy = loader.parseClass(new File(itLib, 'RegistryProxy.groovy'))
def proxy = Proxy.of(basedir)
try {
  def reg = Registry.newInstance(registry)
  def repo = "it/publish-merge-${proxy.property('it.nonce')}".toString()
  def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
  assert runs.size() == 5
  // the publish runs start no process (git's revision is read from its files): nothing of the plugin
  // is left to run, or to load, while Maven closes its realm
  runs[3..4].each { assert !it.contains('Exception in thread') && !it.contains('\tat io.github') }
  assert runs[1].contains("[linux/amd64] building and pushing ${proxy.host}/it/amd64-publish-merge:3.1.0")
  assert runs[2].contains("[linux/arm64] building and pushing ${proxy.host}/it/arm64-publish-merge:3.1.0")

  // read directly from the registry: every child and blob is in the (fresh) target repository itself
  def index = reg.manifest(repo, '3.1.0')
  assert index.json.manifests*.platform*.architecture == ['amd64', 'arm64']
  def perChild = []
  index.json.manifests.each { child ->
    def m = reg.manifest(repo, child.digest)
    assert reg.blobJson(repo, m.json.config.digest).architecture == child.platform.architecture
    perChild << m.json.config.digest
    m.json.layers.each { assert reg.blobExists(repo, it.digest); perChild << it.digest }
  }
  def blobs = perChild as Set

  // what went over the wire in the merge run: each blob mounted once, no upload of any blob
  def segments = proxy.segments()
  assert segments.size() == 3
  def merge = Proxy.fromPlugin(segments[1])
  def mounts = merge.findAll { it.method == 'POST' && it.path.contains('?mount=') }
  assert mounts.every { it.status == 201 }
  assert mounts.collect { (it.path =~ /mount=(sha256(:|%3A)\w+)/)[0][1].replace('%3A', ':') } as Set == blobs
  assert mounts.size() == blobs.size()
  assert !merge.any { it.method == 'PATCH' || (it.method in ['PUT', 'POST'] && it.path.contains('/blobs/uploads/') && !it.path.contains('mount=')) }
  assert merge.findAll { it.method == 'PUT' }.every { it.path.contains('/manifests/') }
  assert runs[3].contains("blobs mounted or copied: ${blobs.size()}")

  // the re-run: the loopback registry asked once whether it speaks plain HTTP, two children read; each
  // blob, child manifest, the index and the tag checked, the tag read back (another writer could have
  // moved it); nothing sent
  def rerun = Proxy.fromPlugin(segments[2])
  assert rerun.findAll { it.method == 'GET' && it.path == '/v2/' }.size() == 1
  assert rerun.findAll { it.method == 'GET' && it.path != '/v2/' }.size() == 2
  assert rerun.findAll { it.method == 'HEAD' }.size() == perChild.size() + 2 + 1 + 1 + 1
  assert rerun.size() == 1 + 2 + perChild.size() + 5
  assert rerun.every { it.bytes == 0 && !it.fault && it.status < 300 }
  // the plugin's own count agrees with the proxy's
  assert runs[4].contains("registry requests: ${rerun.size()}, bytes uploaded: 0, blobs mounted or copied: 0")

  def image = "${registry}/${repo}:3.1.0".toString()
  def (exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--platform', 'linux/amd64', image,
      'cat', '/arch.txt'])
  assert exit == 0 && out.readLines().last() == 'amd64'
  Registry.run(['docker', 'rmi', image])  // a fresh repository each run: leave no image behind
} finally {
  proxy.stop()
}
true
