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

def pr = runs[2]
assert pr.contains("Not publishing ${registry}/it/ci-release: this pull-request build does not push")
assert !reg.exists('it/ci-release', 'fedcba9')
assert pr.contains('version fedcba9, tags fedcba9, pull-request build, no push')
assert !reg.exists('it/ci-release', 'fedcba9-amd64')
assert pr.contains('loading ' + registry + '/it/ci-release:fedcba9 into the local engine')
true
