// The plan goal printed the whole release and built nothing; the release then ran exactly the
// commands the plan holds; {arch}, {version} and {platform} in labels resolved per platform.
import groovy.json.JsonSlurper

def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def repo = "it/plan-ha-${nonce}"
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 4

// 1: the plan, in the order the goals run, each platform resolved
def planned = runs[1]
assert !planned.contains('[linux/') : 'the plan goal ran buildx'
assert planned.contains("[INFO] plan for image ${registry}/${repo}/base (it.dockerbuild:plan-ha)")
assert planned.contains('[INFO]   version 2026.3.1, release build, push, created 2026-03-01T12:00:00Z, tags 3.23, 3.23-2026.3.1, latest')
def goals = planned.readLines().findAll { it ==~ /\[INFO\] {5}\w+ \(\w[\w-]*\).*/ }*.trim()
assert goals == ['[INFO]     metadata (initialize)', '[INFO]     build (package)', '[INFO]     publish (deploy)']*.trim()
assert planned.contains("[INFO]     linux/arm64 (arch aarch64) -> ${registry}/${repo}/aarch64-base:3.23")
assert planned.contains("[INFO]       cache from: type=registry,ref=${registry}/${repo}/aarch64-base:3.23 (used)")
assert planned.contains('[INFO]       cache from: type=gha,scope=aarch64-plan-ha (not used: no GitHub Actions cache service here)')
assert planned.contains('io.hass.arch=aarch64 (POM)')

// 2: the dry run of mvn deploy printed the same plan and ran nothing
def dry = runs[2]
assert !dry.contains('[linux/') : 'the dry run ran buildx'
assert dry.findAll(/\[INFO\] Skipping: docker.plan is true \(a dry run: the plan is printed, nothing runs\)/).size() == 3
planned.readLines().findAll { it.startsWith('[INFO]       buildx: ') }.each { assert dry.contains(it) }

// 3: what the release ran is what the plan holds
def plan = new JsonSlurper().parse(new File(basedir, 'target/docker-build/plan.json'))
def record = new JsonSlurper().parse(new File(basedir, 'target/docker-build/build-record.json'))
assert plan.goals*.goal == ['metadata', 'build', 'publish'] && plan.goals.every { it.runs }
assert plan.build.platforms*.platform == ['linux/amd64', 'linux/arm64']
assert record.build.platforms*.platform == ['linux/amd64', 'linux/arm64']
[plan.build.platforms, record.build.platforms].transpose().each { p, r ->
  assert r.succeeded
  assert r.command == p.buildx : "${p.platform}: the plan says ${p.buildx}, the build ran ${r.command}"
  // printed as a shell line: what a shell reads back from it is the command that ran
  def sh = { List args -> args.collect { it ==~ /[A-Za-z0-9_\/.,:=@%+-]+/ ? it : "'" + it.replace("'", "'\\''") + "'" }.join(' ') }
  assert planned.contains('[INFO]       buildx: ' + sh(p.buildx)) : 'the printed plan differs from plan.json'
  assert r.output == p.output
  def toArg = { e -> "type=${e.type}" + e.attributes.collect { k, v -> ",${k}=${v}" }.join('') }
  // the record says what the build did with each planned source, in the plan's terms
  assert r.cacheFrom*.entry == p.cacheFrom.findAll { it.status == 'USED' }*.resolved
  assert r.cacheFrom.collect { toArg(it.passed) } == p.cacheFrom.findAll { it.status == 'USED' }*.resolved.collect(toArg)
  // the registry source ({archImage}:3.23) with no verify goal bound: used as configured, saying so
  assert r.cacheFrom.collect { [it.use, it.reason, it.verified] } == [['used unverified', 'the verify goal has not run', null]]
}
def arm = plan.build.platforms[1]
assert arm.arch == 'aarch64'
assert arm.labels.find { it.name == 'io.hass.arch' } == [name: 'io.hass.arch', value: 'aarch64', origin: 'POM']
assert arm.cacheFrom*.status == ['USED', 'NO_GHA_RUNTIME']
assert plan.publish.tags == ['3.23', '3.23-2026.3.1', 'latest']

// the labels as the images carry them
[['amd64', 'amd64', 'linux/amd64'], ['aarch64', 'arm64', 'linux/arm64']].each { alias, arch, platform ->
  def m = reg.manifest("${repo}/${alias}-base", '3.23')
  def config = reg.blobJson("${repo}/${alias}-base", m.json.config.digest)
  assert config.architecture == arch
  assert config.config.Labels['io.hass.arch'] == alias
  assert config.config.Labels['io.hass.base.version'] == '2026.3.1'
  assert config.config.Labels['io.hass.platform'] == platform
}
assert reg.exists("${repo}/base", '3.23') && reg.exists("${repo}/base", '3.23-2026.3.1')
// every tag in both per-arch repositories too (archTags=auto), each the platform's one image
['amd64', 'aarch64'].each { alias ->
  def digests = ['3.23', '3.23-2026.3.1', 'latest'].collect { reg.manifest("${repo}/${alias}-base", it).digest }
  assert digests.unique().size() == 1 : "${alias}-base: the tags point at different images: ${digests}"
  assert digests[0] == record.build.platforms.find { it.platform == (alias == 'amd64' ? 'linux/amd64' : 'linux/arm64') }.digest
}
true
