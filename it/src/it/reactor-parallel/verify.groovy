// One parent-POM configuration, two image modules built concurrently (-T 2), a module without a
// Dockerfile skipped with one line; the arch alias names the arm64 image and BUILD_ARCH.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
assert log.contains('Skipping: no Dockerfile at ' + new File(basedir, 'lib/Dockerfile'))
assert !log.contains('[WARNING] *****') : 'Maven warned that a goal is not thread-safe'
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
