def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects/)
assert runs.size() == 4
assert runs[1].contains("[linux/amd64] building and pushing ${registry}/it/amd64-publish-merge:3.1.0")
assert runs[2].contains("[linux/arm64] building and pushing ${registry}/it/arm64-publish-merge:3.1.0")

def index = reg.manifest('it/publish-merge', '3.1.0')
assert index.json.manifests*.platform*.architecture == ['amd64', 'arm64']
// every child and blob is now in the target repository itself
index.json.manifests.each { child ->
  def m = reg.manifest('it/publish-merge', child.digest)
  assert reg.blobJson('it/publish-merge', m.json.config.digest).architecture == child.platform.architecture
  m.json.layers.each { assert reg.blobExists('it/publish-merge', it.digest) }
}
// on a fresh registry all of them are mounted; a re-run finds them there
assert runs[3] =~ /blobs mounted or copied: \d+/
def (exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--platform', 'linux/amd64',
    "${registry}/it/publish-merge:3.1.0".toString(), 'cat', '/arch.txt'])
assert exit == 0 && out.readLines().last() == 'amd64'
true
