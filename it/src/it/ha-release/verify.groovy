// home-assistant's conventions from mvn deploy: the branch build changed nothing in the registry; the
// release put all three tags in the multi-arch repository and in both per-arch repositories, signed
// the index and each per-arch image where it lives (the cosign CLI verifies each tag); the next
// release verified that signed cache image and took its expensive step from it.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def repo = "it/ha-release-${nonce}"
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 4
runs[1..3].each { assert it.contains('BUILD SUCCESS') }

// 1: the branch build (version 0123456, the short SHA) pushed, published and signed nothing: no repository
// holds its 3.23-0123456 tag (the exact tag sets below), and it said so
assert runs[1].contains('Not publishing') && runs[1].contains('Not signing')
assert !runs[1].contains('building and pushing') && !runs[1].contains('Signing ')

// 2 (and 3): every tag in every repository; each per-arch tag is that platform's image
def cosign = { String ref ->
  Registry.run(['cosign', 'verify', '--key', new File(basedir, 'cosign.pub').path, '--insecure-ignore-tlog=true',
      '--allow-insecure-registry', ref])
}
// (cosign's legacy signatures are sha256-<hex>.sig tags beside the images: left out here)
def imageTags = { String r -> reg.tagDigests(r).findAll { tag, digest -> !tag.endsWith('.sig') } }
assert imageTags("${repo}/base".toString()).keySet() == ['3.23', '3.23-2026.3.1', '3.23-2026.3.2', 'latest'] as Set
['amd64', 'aarch64'].each { alias ->
  def tags = imageTags("${repo}/${alias}-base".toString())
  assert tags.keySet() == ['3.23', '3.23-2026.3.1', '3.23-2026.3.2', 'latest'] as Set : "${alias}-base: ${tags}"
  assert tags['3.23'] == tags['latest'] && tags['3.23'] == tags['3.23-2026.3.2']
  // signed where it lives: cosign verify ARCH_REPO:TAG
  def verified = cosign("${registry}/${repo}/${alias}-base:3.23")
  assert verified[0] == 0 : "${alias}-base:3.23: ${verified}"
  assert cosign("${registry}/${repo}/${alias}-base:3.23-2026.3.1")[0] == 0
}
assert cosign("${registry}/${repo}/base:3.23")[0] == 0 : 'the index is not signed'

// 2: the first release had no cache image yet, and said so as a warning
assert runs[2].readLines().any { it.startsWith('[WARNING]') && it.contains("cache source ${registry}/${repo}/aarch64-base:3.23: not used (the registry has no such image yet)") }

// 3: the cache image release 2 signed in its per-arch repository is verified, used by digest, and the
// expensive step comes from it although the builder cache was pruned
assert runs[3].contains('Deleted build cache objects') || runs[3].contains('Total:')
['amd64': 'amd64', 'arm64': 'aarch64'].each { arch, alias ->
  assert runs[3] =~ /cache source \Q${registry}\/${repo}\/${alias}-base:3.23\E: verified sha256:[0-9a-f]{64}/
  def step = runs[3].readLines().find { it.contains("[linux/${arch}] ") && it.contains('RUN echo "expensive work') }
  assert step != null
  def id = (step =~ /#(\d+) \[/)[0][1]
  assert runs[3].contains("[linux/${arch}] #${id} CACHED") : "linux/${arch}: the verified cache was not used"
}
true
