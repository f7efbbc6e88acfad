// A build is left out when nothing it is made from changed, and only then: the left-out runs start
// no buildx process and send the registry nothing but a few HEAD requests (the base image resolved,
// each pushed per-arch image checked), and the per-arch images stay where the first build put them.
def loader = new GroovyClassLoader(getClass().classLoader)
def Registry = loader.parseClass(new File(itLib, 'Registry.groovy'))
def Proxy = loader.parseClass(new File(itLib, 'RegistryProxy.groovy'))
def proxy = Proxy.of(basedir)
try {
  def reg = Registry.newInstance(registry)
  def nonce = proxy.property('it.nonce')
  def repo = "it/up-to-date-${nonce}".toString()
  def image = "${proxy.host}/${repo}".toString()
  def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
  assert runs.size() == 7
  def built = { String run -> run.contains("[linux/amd64] building and pushing ${image}:1.0.0-amd64") &&
      run.contains("[linux/arm64] building and pushing ${image}:1.0.0-arm64") }
  def leftOut = { String run -> run.contains("image ${image} [1.0.0] is up to date, not built: nothing it is made from "
      + "changed since the build of ") && run.contains('(2 context files, 1 image resolved, 2 pushed tags checked); '
      + '-Ddocker.build.force=true builds it anyway') }

  assert built(runs[1]) && !leftOut(runs[1])
  assert leftOut(runs[2]) && !built(runs[2]) && !runs[2].contains('buildx')
  assert built(runs[3]) && runs[3].contains("image ${image}: building, what the image is made from changed since the build of")
  assert built(runs[4]) && !leftOut(runs[4]) && !runs[4].contains(': building, ')
  assert built(runs[5]) && runs[5].contains("image ${image}: building, what the image is made from changed since the build of")
  assert leftOut(runs[6]) && !built(runs[6])

  // the left-out runs sent only reads: the base image's tag and the two per-arch tags, by HEAD
  def segments = proxy.segments()
  assert segments.size() == 6
  [segments[1], segments[5]].each { segment ->
    def sent = Proxy.fromPlugin(segment)
    assert sent.every { it.method in ['GET', 'HEAD'] && it.bytes == 0 && it.status < 300 }
    def heads = sent.findAll { it.method == 'HEAD' }*.path
    assert heads.sort() == ["/v2/it/up-to-date-${nonce}/manifests/1.0.0-amd64", "/v2/it/up-to-date-${nonce}/manifests/1.0.0-arm64",
        "/v2/it/up-to-date-base-${nonce}/manifests/1"]*.toString().sort()
    assert sent.findAll { it.method == 'GET' }*.path.every { it == '/v2/' }
  }

  // the record of a left-out run keeps the results of the build it stands for, and says so
  def record = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
  assert record.build.upToDate == true
  assert record.build.inputs ==~ /sha256:[0-9a-f]{64}/
  def digests = record.build.platforms.collectEntries { [(it.platform): it.digest] }
  // the registry still holds what the record says: the per-arch tags point at the recorded digests
  assert reg.manifest(repo, '1.0.0-amd64').digest == digests['linux/amd64']
  assert reg.manifest(repo, '1.0.0-arm64').digest == digests['linux/arm64']

  // the image has run 3's file: left-out runs never pushed an older one over it
  def (exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--platform', 'linux/amd64',
      "${registry}/${repo}:1.0.0-amd64".toString(), 'cat', '/app.txt'])
  assert exit == 0 && out.readLines().last() == 'two'
  Registry.run(['docker', 'rmi', "${registry}/${repo}:1.0.0-amd64".toString()])
} finally {
  proxy.stop()
}
true
