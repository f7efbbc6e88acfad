// Each platform ran on the engine its node names: buildx says which instance built it.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 3
def ok = runs[1]
assert ok.contains('[linux/arm64] #0 building with "node2" instance using docker driver')
assert ok.contains('[linux/amd64] #0 building with "default" instance using docker driver')
['amd64', 'arm64'].each { arch ->
  def m = reg.manifest('it/nodes-routing', "1.0.0-${arch}")
  assert reg.blobJson('it/nodes-routing', m.json.config.digest).architecture == arch
}
def bad = runs[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert bad.contains("docker context 'nowhere' does not exist")
assert bad.contains("create it with 'docker context create nowhere --docker host=...' or fix the name")
assert !runs[2].contains('] building and pushing')
true
