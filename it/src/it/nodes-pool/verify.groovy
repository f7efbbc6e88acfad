// Run 1: the pool's first node did not answer; one warning named it, arm64 built on the second
// (buildx says which instance), the record names that node, and the pushed image runs with this
// run's nonce. Run 2: no node of the pool answered: one line naming both, nothing built.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def nonce = Registry.nonce(basedir)
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 3

def ok = runs[1]
assert ok.contains('BUILD SUCCESS') : ok
def warnings = ok.readLines().findAll { it.startsWith('[WARNING]') }
assert warnings.size() == 1 : warnings
assert warnings[0].contains("linux/arm64 skips node (default) of context 'it-pool-down': no Docker engine answers at "
    + 'ssh://root@127.0.0.1:1')
assert warnings[0].endsWith("it builds on (default) of context 'node2-tls'")
assert ok.contains('[linux/arm64] #0 building with "node2-tls" instance using docker driver')
assert ok.contains('[linux/amd64] #0 building with "default" instance using docker driver')
// the record names the node each platform ran on (build-record.json is rewritten by run 2's failure
// only after its preflight, which fails first: it still holds run 1's build)
def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
def arm = record.build.platforms.find { it.platform == 'linux/arm64' }
assert arm.builder.contains('node2-tls') : arm.builder
def image = "${registry}/it/nodes-pool:1.0.0-arm64".toString()
def (pulled, pullOut) = Registry.run(['docker', 'pull', '-q', '--platform', 'linux/arm64', image])
assert pulled == 0 : pullOut
def (exit, out) = Registry.run(['docker', 'run', '--rm', '--platform', 'linux/arm64', image, 'cat', '/nonce', '/built-on'])
def lines = out.readLines()*.trim().findAll { it }
assert exit == 0 && lines == [nonce, 'aarch64'] : "${lines}"

def bad = runs[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert bad != null : runs[2]
assert bad.contains('no node of linux/arm64 answers (image ' + registry + '/it/nodes-pool): ')
assert bad.contains("node (default) of context 'it-pool-down': no Docker engine answers at ssh://root@127.0.0.1:1")
assert bad.contains("node (default) of context 'it-pool-wrong-ca': no Docker engine answers at tcp://127.0.0.1:2376")
assert bad.contains('start one, or add a node that answers to the pool')
assert !runs[2].contains('] building')
true
