// The four modules' linux/amd64 builds were spread across the pool: each module's record names the
// node it ran on, both nodes were used, and each module's per-arch tag is the digest it recorded.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
def nodes = (1..4).collect { i ->
  def record = new JsonSlurper().parse(new File(basedir, "app-${i}/target/docker-build/build-record.json"))
  def amd = record.build.platforms.find { it.platform == 'linux/amd64' }
  assert amd.succeeded
  def repo = "it/pool-reactor/app-${i}".toString()
  assert reg.manifest(repo, '1.0.0-amd64').digest == amd.digest
  amd.builder
}
assert nodes.toSet() == ['context default', 'context node2'].toSet() : "${nodes}"
// each start line says which node of the pool took the build
(1..4).each { i ->
  assert log =~ /\[app-${i} linux\/amd64\] building and pushing \S+:1\.0\.0-amd64 on context (default|node2)\n/
}
true
