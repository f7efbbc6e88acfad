// The index is checked through the registry API and, independently, the docker CLI.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def repo = 'it/publish-multiarch'
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 4

def index = reg.manifest(repo, '1.0.0')
assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
assert reg.manifest(repo, 'stable').digest == index.digest
def images = index.json.manifests.findAll { it.platform.architecture != 'unknown' }
assert images*.platform*.architecture == ['amd64', 'arm64']
// buildx's provenance attestations stay next to the image they describe
def attestations = index.json.manifests.findAll { it.annotations?.get('vnd.docker.reference.type') == 'attestation-manifest' }
assert attestations.size() == 2
assert attestations*.annotations*.get('vnd.docker.reference.digest') as Set == images*.digest as Set
assert index.json.annotations['org.opencontainers.image.version'] == '1.0.0'
assert index.json.annotations['org.opencontainers.image.created'] == '2026-02-02T02:02:02Z'

// the docker CLI reads the same index and runs the arm64 child under QEMU
def (exit, out) = Registry.run(['docker', 'buildx', 'imagetools', 'inspect', "${registry}/${repo}:1.0.0".toString()])
assert exit == 0 : out
assert out.contains('Platform:    linux/amd64') && out.contains('Platform:    linux/arm64')
(exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--platform', 'linux/arm64',
                            "${registry}/${repo}:1.0.0".toString(), 'uname', '-m'])
assert exit == 0 : out
assert out.readLines().last() == 'aarch64'

def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
assert record.publish.indexDigest == index.digest
assert new File(basedir, 'target/docker-build/published.txt').readLines() ==
    ["${registry}/${repo}@${index.digest}".toString(), "${registry}/${repo}:1.0.0".toString(), "${registry}/${repo}:stable".toString()]

// run 2: same digest again, no blob moved
assert runs[2].contains("published ${registry}/${repo}@${index.digest}")
assert runs[2].contains('bytes uploaded: 0, blobs mounted or copied: 0')
// run 3: the plan only
assert runs[3].contains("dry run: would publish ${registry}/${repo}@${index.digest} as ${registry}/${repo}:1.0.0, ${registry}/${repo}:stable")
assert runs[3].contains('dry run:   child linux/amd64 sha256:')
assert runs[3].contains('registry requests: ') && !runs[3].contains("published ${registry}")
true
