// The secrets reached the RUN steps (they would fail otherwise) and appear nowhere else: not in
// the Maven log, not in the image's history or config. A secret-looking build arg is refused; once
// allowed by name, its value is in no line of the log and no file under target/.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 3
assert runs[1].contains(':build (default) on project secrets: image secrets: <buildArgs><NPM_TOKEN> looks like a'
    + ' secret, and build args stay in the image\'s history: pass it as a BuildKit secret')
assert runs[1].contains('list it in <allowSecretBuildArgs> (-Ddocker.allowSecretBuildArgs)')
assert runs[1].contains('image secrets: nothing was built, pushed, tagged or signed')
assert !runs[1].contains('[linux/amd64] building') : 'the refused build must not start buildx'
assert !log.contains('not-a-real-token') : 'the allowed secret-looking build arg reached the log'
def leaked = []
new File(basedir, 'target').eachFileRecurse(groovy.io.FileType.FILES) { f ->
  if (f.bytes.length < 10_000_000 && new String(f.bytes, 'UTF-8').contains('not-a-real-token')) {
    leaked << f.path
  }
}
assert leaked.isEmpty() : "the build arg's value is in ${leaked}"
def plan = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/docker-build/plan.json'))
assert plan.build.platforms[0].buildArgs.find { it.name == 'NPM_TOKEN' }.value == '***'
assert plan.build.platforms[0].buildx.contains('NPM_TOKEN=***')
assert !log.contains('s3cr3t-value')
assert !log.contains('file-secret-value')
assert runs[2].contains('[WARNING] image secrets: build arg NPM_TOKEN looks like a secret; build args are kept in the image history')
def (exit, out) = Registry.run(['docker', 'run', '--rm', 'secrets:1.0.0', 'cat', '/checked', '/netrc-checked'])
assert exit == 0 && out.readLines() == ['checked', 'netrc']
def (e2, history) = Registry.run(['docker', 'history', '--no-trunc', 'secrets:1.0.0'])
assert e2 == 0
def (e3, inspect) = Registry.run(['docker', 'image', 'inspect', 'secrets:1.0.0'])
assert e3 == 0
[history, inspect].each { text ->
  assert !text.contains('s3cr3t-value')
  assert !text.contains('file-secret-value')
}
def (e4, files) = Registry.run(['docker', 'run', '--rm', 'secrets:1.0.0', 'ls', '/run/secrets'])
assert e4 != 0 || files.trim().isEmpty() : "secrets left in the image: ${files}"
true
