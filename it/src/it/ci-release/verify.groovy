def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 3

def release = runs[1]
assert release.contains('version 2.0.0, tags 2.0.0, latest, release build, push, created 2026-03-01T12:00:00Z (project.build.outputTimestamp)')
def m = reg.manifest('it/ci-release', '2.0.0-amd64')
def labels = reg.blobJson('it/ci-release', m.json.config.digest).config.Labels
assert labels['org.opencontainers.image.version'] == '2.0.0'
assert labels['org.opencontainers.image.revision'] == '0123456789abcdef0123456789abcdef01234567'
assert labels['org.opencontainers.image.source'] == 'https://github.com/acme/ci-release'
assert labels['org.opencontainers.image.created'] == '2026-03-01T12:00:00Z'

// the release is published: 2.0.0 and latest are one index
def index = reg.manifest('it/ci-release', '2.0.0')
assert index.json.manifests*.platform*.architecture == ['amd64']
assert reg.manifest('it/ci-release', 'latest').digest == index.digest
assert index.json.annotations['org.opencontainers.image.revision'] == '0123456789abcdef0123456789abcdef01234567'

// the release's CI outputs, after its last goal (publish): step outputs, job summary, the plain files
def outputs = new File(basedir, 'github-output.txt').readLines().collectEntries { line ->
  def (name, value) = line.split('=', 2); [(name): value]
}
def amd = reg.manifest('it/ci-release', '2.0.0-amd64').digest
assert outputs == ['image': "${registry}/it/ci-release".toString(), 'tags': '2.0.0,latest', 'version': '2.0.0',
                   'digest': index.digest, 'image-ref': "${registry}/it/ci-release@${index.digest}".toString(),
                   'digest-linux-amd64': amd,
                   'ci-release-image': "${registry}/it/ci-release".toString(), 'ci-release-tags': '2.0.0,latest',
                   'ci-release-version': '2.0.0', 'ci-release-digest': index.digest,
                   'ci-release-image-ref': "${registry}/it/ci-release@${index.digest}".toString(),
                   'ci-release-digest-linux-amd64': amd]
def summary = new File(basedir, 'github-summary.md').text
assert summary.startsWith("### `${registry}/it/ci-release`")
assert summary.contains('| tags | `2.0.0` `latest` |')
assert summary.contains("| digest | `${index.digest}` |")
assert summary.contains("| `linux/amd64` | built and pushed | `${amd}` |")
assert release.readLines().count { it.contains('CI outputs in') } == 1
assert release.contains('image.digest, the step outputs, the job summary')

def pr = runs[2]
assert pr.contains("Not publishing ${registry}/it/ci-release: this pull-request build does not push")
assert !reg.exists('it/ci-release', 'fedcba9')
assert pr.contains('version fedcba9, tags fedcba9, pull-request build, no push')
assert !reg.exists('it/ci-release', 'fedcba9-amd64')
assert pr.contains('loading ' + registry + '/it/ci-release:fedcba9 into the local engine')
// outside GitHub Actions (no GITHUB_ACTIONS in this run), only the plain files, now of the pull request
assert new File(basedir, 'github-output.txt').readLines().size() == outputs.size()
def json = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/docker-build/image.json'))
assert json.image == "${registry}/it/ci-release".toString()
assert json.tags == ['fedcba9']
assert json.imagePushed == false && json.published == false
assert json.platforms*.platform == ['linux/amd64']
def digestFile = new File(basedir, 'target/docker-build/image.digest')
assert !digestFile.exists() || digestFile.text.trim() == json.imageDigest
true
