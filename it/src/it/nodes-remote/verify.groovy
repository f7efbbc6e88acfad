// Each good run built linux/arm64 on the remote endpoint its context names (buildx says which
// instance built it), pushed it, and the image runs (under QEMU on this machine) with that run's
// nonce; each broken endpoint failed in the preflight, in one line naming it, before any build.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 7

[[1, 'node2-tls'], [2, 'node2-ssh']].each { run, context ->
  def repo = "it/nodes-remote-${context}".toString()
  def image = "${registry}/${repo}".toString()
  def log = runs[run]
  assert log.contains('BUILD SUCCESS') : log
  assert log.contains("[linux/arm64] #0 building with \"${context}\" instance using docker driver")
  assert log.contains('[linux/amd64] #0 building with "default" instance using docker driver')
  def m = reg.manifest(repo, '1.0.0-arm64')
  assert reg.blobJson(repo, m.json.config.digest).architecture == 'arm64'
  // what this run pushed, run: its nonce, built on arm64
  def (pulled, pullOut) = Registry.run(['docker', 'pull', '-q', '--platform', 'linux/arm64',
      "${image}:1.0.0-arm64".toString()])
  assert pulled == 0 : pullOut
  def (exit, out) = Registry.run(['docker', 'run', '--rm', '--platform', 'linux/arm64',
      "${image}:1.0.0-arm64".toString(), 'cat', '/nonce', '/built-on'])
  def lines = out.readLines()*.trim().findAll { it }
  assert exit == 0 && lines == ["${nonce}-${context}".toString(), 'aarch64'] : "${lines}"
}

def failure = { int run -> runs[run].readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }
def tls = failure(3)
assert tls != null : runs[3]
assert tls.contains('no Docker engine answers at tcp://127.0.0.1:2376 (docker context it-node2-wrong-ca, TLS)')
assert tls.contains('TLS: ')
assert tls.contains('check the engine and the ca.pem, cert.pem and key.pem in ')
def ssh = failure(4)
assert ssh != null : runs[4]
assert ssh.contains('no Docker engine answers at ssh://root@127.0.0.1:1 (docker context it-node2-no-sshd)')
assert ssh.contains("for ssh://, that 'ssh' logs in without a prompt")
// the default engine over SSH and over TCP + TLS: the build ran there (node2 runs no other builds of
// this repository) and pushed both images
[[5, 'ssh://docker-build-node2 (DOCKER_HOST)', 'default-ssh'],
 [6, 'tcp://127.0.0.1:2376 (DOCKER_HOST, TLS)', 'default-tls']].each { run, endpoint, context ->
  def log = runs[run]
  assert log.contains('BUILD SUCCESS') : log
  assert log =~ /\(local build, push\) on ${java.util.regex.Pattern.quote(endpoint.replaceAll(/ \(.*$/, ''))}, /
  def repo = "it/nodes-remote-${context}".toString()
  ['amd64', 'arm64'].each { arch ->
    def m = reg.manifest(repo, "1.0.0-${arch}")
    assert reg.blobJson(repo, m.json.config.digest).architecture == arch
  }
}

[3, 4].each { run ->
  assert !runs[run].contains('] building') : "run ${run} built something"
  assert !runs[run].contains('\tat ') : "run ${run} printed a stack trace"
}
true
