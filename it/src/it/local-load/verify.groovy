// Outside CI and without docker.push the build pushes nothing: the native platform is loaded into
// the local engine under every tag (duplicates and blanks dropped), the other is only built.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def log = new File(basedir, 'build.log').text
assert log.contains('local build, no push')
assert log.contains('GitHub Actions cache entries skipped: no cache service here')
assert log.contains('cache from: none; cache to: none')

['local-load:2.1.0', 'local-load:dev'].each { ref ->
  def (exit, out) = Registry.run(['docker', 'image', 'inspect', ref])
  assert exit == 0 : "${ref} is not in the local engine: ${out}"
  def image = new JsonSlurper().parseText(out)[0]
  assert image.Architecture == 'amd64'
  assert image.Config.Labels['org.opencontainers.image.version'] == '2.1.0'
  assert image.Config.Labels['org.opencontainers.image.title'] == 'Local sample'
  assert image.Config.Labels['com.example.owner'] == 'it'
}
def (exit, out) = Registry.run(['docker', 'run', '--rm', 'local-load:2.1.0', 'cat', '/arch.txt'])
assert exit == 0 && out.trim() == 'amd64'
assert log.contains('[linux/arm64] building (not pushed, not loaded')
def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
assert record.metadata.tags == ['2.1.0', 'dev']
assert record.build.pushed == false
assert record.build.platforms.every { it.succeeded }
assert record.build.platforms[0].reference == 'local-load:2.1.0'
true
