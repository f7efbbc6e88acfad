// Each run's mistakes failed the first goal (metadata), each one line naming the POM element, its -D
// property, the value and the fix; buildx never ran, and every repository holds exactly what it held
// before the runs.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def image = "${registry}/it/plan-checks-${nonce}/base"
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 10

def failedFirst = { String run ->
  assert run.contains(':metadata (default) on project plan-checks: image ' + image + ': ')
  assert run.contains("image ${image}: nothing was built, pushed, tagged or signed")
  assert !run.contains(':verify (default) @ plan-checks') && !run.contains(':build (default) @ plan-checks')
  assert !run.contains('[linux/') : 'buildx ran'
  assert !run.contains('\tat ') : 'a stack trace for a user mistake'
}
def problem = { String run, String line -> assert run.contains("[ERROR] image ${image}: ${line}") || run.contains(
    "on project plan-checks: image ${image}: ${line}") : "missing: ${line}" }

// 1: every goal's mistakes at once
failedFirst(runs[1])
[
  "<tags> (-Ddocker.tags) '' holds no tag: give at least one tag such as {version}, or leave <tags> unset for {version}",
  "<parallelism> (-Ddocker.parallelism) '0' is not a positive number: give how many platforms may build at once, e.g. 4, or set <serial>true</serial>",
  "<compressionLevel> (-Ddocker.compressionLevel) 'abc' is not a whole number: give a number such as 9",
  "<attempts> (-Ddocker.verify.attempts) '0' is less than 1",
  "<caCertificate> (-Ddocker.caCertificate) '${basedir.canonicalPath}/not-a-ca.pem' is not a PEM certificate: give a file with one or more -----BEGIN CERTIFICATE----- blocks",
  "<digests> (-Ddocker.publish.digests) 'linux/arm64' is not PLATFORM=DIGEST: write linux/arm64=sha256:<64 hex>",
  "<signFormats> (-Ddocker.sign.formats) 'cosign' is not a signature format: use legacy, bundle or both",
  "<signSubjects> (-Ddocker.sign.subjects) 'everything'",
  "-Ddocker.sign.annotations 'novalue' is not key=value",
].each { problem(runs[1], it) }
// 2: the key file is missing
failedFirst(runs[2])
problem(runs[2], "<signKey> (-Ddocker.sign.key) '${basedir.canonicalPath}/missing.key' cannot be read")
// 3: a wrong password, never shown
failedFirst(runs[3])
problem(runs[3], "<signKey> (-Ddocker.sign.key) '${basedir.canonicalPath}/cosign.key'")
assert !log.contains('wrong-Passw0rd') && !log.contains('it-plan-Passw0rd')
// 4: keyless together with a key
failedFirst(runs[4])
problem(runs[4], "<signKeyless> (-Ddocker.sign.keyless) 'true' is set together with <signKey>")
// 5: an explicit Dockerfile that does not exist
failedFirst(runs[5])
problem(runs[5], "<dockerfile> (-Ddocker.dockerfile) '${basedir.canonicalPath}/nope/Dockerfile' does not exist")
// 6: a secret-looking build arg
failedFirst(runs[6])
problem(runs[6], '<buildArgs><NPM_TOKEN> looks like a secret')
assert !log.contains('not-a-real-token')

// 7: a settings.xml server for the registry with no password
failedFirst(runs[7])
problem(runs[7], "settings.xml <server> '${registry}' has no <password>: give both (mvn --encrypt-password encrypts the"
    + " password), or remove the server to use docker's own login for ${registry}")

// 8: POM words Maven alone would have read as false or passed on to buildx
failedFirst(runs[8])
[
  "<pull> (-Ddocker.pull) 'ja' is not true or false: use true or false",
  "<noCache> (-Ddocker.noCache) 'yes' is not true or false: use true or false",
  "<target> (-Ddocker.target) 'runtime' is no stage of ${basedir.canonicalPath}/Dockerfile",
  "<archAliases><amd64> 'x86 64' is not an architecture name",
  "<archArg> (-Ddocker.archArg) 'BUILD ARCH' is not a build arg name",
  "<allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs) 'NPM_TOKN' is no <buildArgs> entry",
].each { problem(runs[8], it) }

// 9: the plan of a phase Maven does not have
assert runs[9].contains("image ${image}: <planPhase> (-Ddocker.plan.phase) 'deplyo' is not a lifecycle phase: give the"
    + " phase to plan, e.g. deploy or package, or a goal such as docker-build:build")
assert !runs[9].contains('plan written to') && !runs[9].contains('\tat ')

// the registry: exactly what it held before
def before = new JsonSlurper().parse(new File(basedir, 'tags-before.json'))
['base', 'amd64-base', 'aarch64-base'].each { repo ->
  def now = reg.tagDigests("it/plan-checks-${nonce}/${repo}".toString())
  assert now == before[repo] : "${repo} changed: ${before[repo]} -> ${now}"
  assert now.keySet() == ['3.23'] as Set
}
assert !new File(basedir, 'target/docker-build/build-record.json').exists()
println "registry unchanged: ${before}"
true
