def log = new File(basedir, 'build.log').text
def runs = log.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 4
def image = "(image ${registry}/it/preflight-problems"
def errorLine = { String run -> run.readLines().find { it.startsWith('[ERROR] Failed to execute goal') } }

def unsupported = errorLine(runs[1])
assert unsupported.contains("builder 'default' cannot build linux/riscv64 ${image}; it builds linux/amd64")
assert unsupported.contains('register QEMU for it (apt-get install qemu-user-static, then restart the engine) or build it on a native node with <nodes>')
assert !unsupported.contains('linux/amd64 (image')

def noEngine = errorLine(runs[2])
assert noEngine.contains("no Docker engine answers at unix:///nonexistent/docker.sock (DOCKER_HOST) ${image}): start Docker")

assert runs[3].contains('preflight passed for ' + registry + '/it/preflight-problems: engine ')
assert runs[3].contains('containerd image store')
[runs[1], runs[2]].each { run ->
  assert !(run =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace reached the log'
}
true
