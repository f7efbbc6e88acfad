// The secrets reached the RUN steps (they would fail otherwise) and appear nowhere else: not in
// the Maven log, not in the image's history or config. A secret-looking build arg is warned about.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def log = new File(basedir, 'build.log').text
assert !log.contains('s3cr3t-value')
assert !log.contains('file-secret-value')
assert log.contains('[WARNING] image secrets: build arg NPM_TOKEN looks like a secret; build args are kept in the image history')
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
