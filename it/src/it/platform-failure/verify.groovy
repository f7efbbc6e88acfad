import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^\[INFO\] Scanning for projects/)
assert runs.size() == 3
def error = runs[1].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert error != null
assert error.contains('image ' + registry + '/it/platform-failure: the build failed for linux/arm64 ')
assert !error.contains('linux/amd64')
assert !(log =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
assert !log.readLines().any { it.contains('Exception') && !it.contains('cwiki.apache.org') } : 'an exception name reached the log'
assert log.contains('[linux/arm64] arm64 is not supported by this step') || log.contains('arm64 is not supported by this step')

def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
def amd64 = record.build.platforms.find { it.platform == 'linux/amd64' }
def arm64 = record.build.platforms.find { it.platform == 'linux/arm64' }
assert amd64.succeeded && amd64.digest ==~ /sha256:[0-9a-f]{64}/
assert !arm64.succeeded && arm64.error.contains('exit code 1')
// the amd64 image was pushed (per-arch), the arm64 one was not
assert reg.exists('it/platform-failure', '1.0.0-amd64')
assert !reg.exists('it/platform-failure', '1.0.0-arm64')

// the publish that follows refuses, naming the platform, and no multi-arch tag exists
def publishError = runs[2].readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
assert publishError.contains("image ${registry}/it/platform-failure: no per-arch image for linux/arm64 (its build failed or did not run); no tag was moved")
assert !reg.exists('it/platform-failure', '1.0.0')
true
