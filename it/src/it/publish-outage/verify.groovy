// The registry goes away at the index, then at the first tag: each publish fails in one line and
// no tag moves (the registry, read directly between the runs, still names the previous index);
// once the registry is back, publish succeeds, and again without uploading anything.
def loader = new GroovyClassLoader(getClass().classLoader)
def Registry = loader.parseClass(new File(itLib, 'Registry.groovy'))
def Proxy = loader.parseClass(new File(itLib, 'RegistryProxy.groovy'))
def proxy = Proxy.of(basedir)
try {
  def reg = Registry.newInstance(registry)
  def repo = "it/publish-outage-${proxy.property('it.nonce')}".toString()
  def target = "${proxy.host}/${repo}".toString()
  def log = new File(basedir, 'build.log').text
  def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
  assert runs.size() == 6
  assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
  assert !log.contains('at io.github')
  def publishedIn = { String run ->
    def m = (run =~ /published \Q${target}\E@(sha256:\w+) \(2 platforms\)/)
    assert m.find() : run
    m.group(1)
  }
  def error = { String run ->
    def lines = run.readLines().findAll { it.startsWith('[ERROR] Failed to execute goal') }
    assert lines.size() == 1
    lines[0]
  }
  def tagsSaid = { String run ->
    run.readLines().findAll { it.contains('registry says ') }.collectEntries { line ->
      def m = (line =~ /registry says http:\/\/[^ ]+\/manifests\/([\w.]+): (\d+) ?(\S*)/)
      assert m.find() : line
      [(m.group(1)): "${m.group(2)} ${m.group(3)}".trim()]
    }
  }
  def previous = publishedIn(runs[1])

  // run 2: gone at the index: the index push is retried, then one line; nothing tagged
  def indexError = error(runs[2])
  assert indexError =~ /image \Q${target}\E: push manifest \Q${target}\E@sha256:\w+: cannot reach \Q${proxy.host}\E \(.+\) after 5 attempts; no tag was moved/
  assert runs[2].readLines().count { it.startsWith('[WARNING] push manifest') && it.contains(': cannot reach ') } == 4
  // run 3 began by reading the registry: both tags still name the previous index
  assert tagsSaid(runs[3]) == ['2.0.0': "200 ${previous}".toString(), stable: "200 ${previous}".toString()]

  // run 3: gone at the first tag: the index is complete, no tag moved
  def tagError = error(runs[3])
  def index = (tagError =~ /index (sha256:\w+) is complete in the registry; tags moved so far: none; run publish again/)
  assert index.find() : tagError
  def digest = index.group(1)
  assert digest != previous
  assert tagError.contains("push manifest ${target}:2.0.0: cannot reach ${proxy.host} (")
  assert tagsSaid(runs[4]) == ['2.0.0': "200 ${previous}".toString(), stable: "200 ${previous}".toString()]

  // what reached the registry through the proxy: no tag PUT while it was going away
  def segments = proxy.segments()
  assert segments.size() == 5
  def tagPut = { it.method == 'PUT' && it.path ==~ /.*\/manifests\/(2\.0\.0|stable)/ }
  def atIndex = Proxy.fromPlugin(segments[1])
  assert atIndex.findAll { it.fault }.every { it.method == 'PUT' && it.path.contains('/manifests/sha256:') && it.status == null }
  assert atIndex.count { it.fault } == 5
  assert !atIndex.any(tagPut)
  def atTag = Proxy.fromPlugin(segments[2])
  assert atTag.any { it.method == 'PUT' && it.path.endsWith("/manifests/${digest}") && it.status == 201 }
  assert atTag.findAll(tagPut).every { it.fault && it.status == null }

  // run 4: the registry is back: published, both tags on the new index, read directly
  assert publishedIn(runs[4]) == digest
  assert reg.manifest(repo, '2.0.0').digest == digest
  assert reg.manifest(repo, 'stable').digest == digest
  assert reg.manifest(repo, digest).json.manifests*.platform*.architecture == ['amd64', 'arm64']
  assert !runs[4].contains('; attempt ')

  // run 5: idempotent
  assert publishedIn(runs[5]) == digest
  assert runs[5].contains('bytes uploaded: 0, blobs mounted or copied: 0')
  assert Proxy.fromPlugin(segments[4]).every { it.method in ['GET', 'HEAD'] && !it.fault }
} finally {
  proxy.stop()
}
true
