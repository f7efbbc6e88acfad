// One parent-POM configuration, two image modules built concurrently (-T 2), a module without a
// Dockerfile skipped with one line; the arch alias names the arm64 image and BUILD_ARCH.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
// the module without a Dockerfile says so once, not once per goal
assert log.readLines().count { it.contains('Skipping: no Dockerfile at ' + new File(basedir, 'lib/Dockerfile')) } == 1
// two modules build at once: each line names the module and the platform; quiet (no terminal): one
// start and one result line per platform, with its steps
['app-a', 'app-b'].each { module ->
  ['linux/amd64', 'linux/arm64'].each { platform ->
    assert log.readLines().count { it.startsWith("[INFO] [${module} ${platform}] building and pushing ") } == 1
    assert log.readLines().count { it ==~ /\[INFO\] \[${module} ${platform}\] done in \d+ ms \(\d+ steps?, \d+ cached\): sha256:\w+(, the reproducible image pushed as .*)?/ } == 1
  }
}
assert !log.readLines().any { it ==~ /\[INFO\] \[(app-[ab] )?linux\/\w+\] #.*/ } : 'a BuildKit step reached the log in quiet mode'
assert !log.contains('[WARNING] *****') : 'Maven warned that a goal is not thread-safe'
// the signed base both modules build on is resolved and verified once in the run: one module
// verifies it, the other takes that verdict and says whose it is; both build from it by digest
def base = "${registry}/it/reactor/base:signed"
def verified = log.readLines().findAll { it.contains("base image ${base}: verified sha256:") }
assert verified.size() == 2 : verified
def taken = verified.findAll { it ==~ /.* \(legacy format\), as module it\.dockerbuild:app-[ab] found in this run$/ }
assert taken.size() == 1 : verified
def digest = reg.manifest('it/reactor/base', 'signed').digest
assert verified.every { it.contains("verified ${digest}, signed by ECDSA P-256 key SHA256:") } : verified
['app-a', 'app-b'].each { module ->
  def record = new groovy.json.JsonSlurper().parse(new File(basedir, "${module}/target/docker-build/build-record.json"))
  assert record.verify.images*.outcome == ['verified'] && record.verify.images[0].digest == digest : record.verify
}
['app-a', 'app-b'].each { module ->
  ['amd64', 'aarch64'].each { arch ->
    def m = reg.manifest("it/reactor/${module}", "3.0.0-${arch}")
    def config = reg.blobJson("it/reactor/${module}", m.json.config.digest)
    assert config.architecture == (arch == 'aarch64' ? 'arm64' : 'amd64')
  }
  def (exit, out) = Registry.run(['docker', 'run', '--rm', '--pull', 'always', '--quiet', '--platform', 'linux/arm64',
      "${registry}/it/reactor/${module}:3.0.0-aarch64".toString(), 'cat', '/module.txt'])
  assert exit == 0 && out.trim() == "${module} aarch64"
}
true
