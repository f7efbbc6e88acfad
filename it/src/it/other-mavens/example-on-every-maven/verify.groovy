// The example of the README, built with the Mavens the plugin promises besides the wrapper's:
// Debian's packaged Maven (3.8.7 on Debian 12) and the newest Maven 4 release candidate. Each run
// builds both platforms and loads the native image into the engine, which then runs it.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def example = new File(repositoryRoot, 'examples/hello-multiarch/pom.xml').canonicalFile
// the settings the invoker wrote for the ITs: the IT repository (with this plugin), then the outer one
def settings = new File(basedir, '../../interpolated-settings.xml').canonicalFile
assert settings.isFile() : "no IT settings at ${settings}"
// a local build whatever CI runs this (an empty value counts as unset; not SOURCE_DATE_EPOCH, which Maven
// itself refuses empty)
def env = ['CI': 'false', 'GITHUB_ACTIONS': '', 'GITHUB_REF': '', 'GITHUB_SHA': '', 'GITHUB_EVENT_NAME': '',
           'GITLAB_CI': '', 'CI_COMMIT_TAG': '', 'JENKINS_URL': '', 'TAG_NAME': '']
def image = 'hello-multiarch:0.1.0-SNAPSHOT'

[[floorMaven, '3.8.'], [maven4, '4.0.0-rc-']].each { home, version ->
  def mvn = new File(home, 'bin/mvn')
  assert mvn.canExecute() : "no Maven at ${home}: run .ci/stack-up, which installs it"
  def (vExit, vOut) = Registry.run([mvn.path, '-v'], env)
  assert vExit == 0 && vOut.contains("Apache Maven ${version}") : vOut

  Registry.run(['docker', 'image', 'rm', '-f', image])
  def (exit, out) = Registry.run([mvn.path, '-B', '-s', settings.path, "-Dmaven.repo.local=${localRepositoryPath}",
      '-f', example.path, 'clean', 'package', "-Dexample.baseImage=${registry}/test/busybox:1"]*.toString(), env)
  new File(basedir, "example-${version.replaceAll(/\W+$/, '')}.log").text = out
  assert exit == 0 : out
  assert out.contains('BUILD SUCCESS')
  assert out.contains('[linux/amd64] done in') && out.contains('[linux/arm64] done in') : out
  assert !out.contains('Exception') : out

  def (rExit, rOut) = Registry.run(['docker', 'run', '--rm', image])
  assert rExit == 0 && rOut.trim() == 'hello from amd64 (x86_64), version 0.1.0-SNAPSHOT' : rOut
}
true
