// Run 1: a Dockerfile step failed on node2, the pool's first node: not built again on the local
// engine although retries were on. Run 2: the first node's builder could not start and retries were
// off: the failure names it and nothing built on node2. Run 3: the same, retries on: one warning,
// built again on node2; the record keeps the failure, the pushed image runs with this run's nonce.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def nonce = Registry.nonce(basedir)
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 4
def starts = { String run -> run.readLines().findAll { it.contains('[linux/amd64] building and pushing ') } }
def failure = { String run -> run.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }

def own = runs[1]
assert starts(own).size() == 1 && starts(own)[0].endsWith(' on context node2') : starts(own)
assert own.contains('[linux/amd64] not built again on another node: the failure is the build\'s own ("did not '
    + 'complete successfully: exit code"), every node would meet it')
assert !own.contains('building it again')
assert failure(own).contains('the build failed for linux/amd64 (on context node2) (')

def off = runs[2]
assert starts(off).size() == 1 && starts(off)[0].endsWith(' on builder it-retry-broken') : starts(off)
assert !off.contains('building it again') && !off.contains('not built again')
assert failure(off).contains('the build failed for linux/amd64 (on builder it-retry-broken) (')
assert failure(off).contains('moby/buildkit')

def on = runs[3]
assert on.contains('BUILD SUCCESS') : on
assert starts(on)*.replaceAll(/.* on /, '') == ['builder it-retry-broken', 'context node2']
def warnings = on.readLines().findAll { it.startsWith('[WARNING]') }
assert warnings.size() == 2 : warnings
assert warnings[0].startsWith('[WARNING] [linux/amd64] FAILED after ') && warnings[0].contains('moby/buildkit')
assert warnings[1] == ('[WARNING] [linux/amd64] failed on builder it-retry-broken; building it again on another '
    + 'node of its pool (retryOnAnotherNode)')

def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
def amd = record.build.platforms[0]
assert amd.succeeded && amd.builder == 'context node2' : amd
assert amd.earlierFailures.size() == 1 && amd.earlierFailures[0].startsWith('builder it-retry-broken: ')
def image = "${registry}/it/nodes-retry:1.0.0-amd64".toString()
assert amd.reference == image
def (pulled, pullOut) = Registry.run(['docker', 'pull', '-q', image])
assert pulled == 0 : pullOut
def (exit, out) = Registry.run(['docker', 'run', '--rm', image, 'cat', '/nonce', '/built-on'])
assert exit == 0 && out.readLines()*.trim().findAll { it } == [nonce, 'x86_64'] : out
// the pushed image is the one node2 built: its digest is the record's
def (inspected, digestOut) = Registry.run(['docker', 'buildx', 'imagetools', 'inspect', image, '--format',
    '{{json .Manifest.Digest}}'])
assert inspected == 0 && digestOut.trim() == "\"${amd.digest}\"" : digestOut
true
