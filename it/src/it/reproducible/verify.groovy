// Two releases of the same sources, POM and outputTimestamp, with the builder cache pruned between
// them, pushed the same per-arch images and the same index, although RUN steps write files (stamped
// with the wall clock): BuildKit rewrote every file's timestamp to SOURCE_DATE_EPOCH. The compare
// goal rebuilt without cache and found the same digests; after a change in the context it named the
// layer that differs.
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def repo = "it/reproducible-${nonce}"
def runs = new File(basedir, 'build.log').text.split(/(?m)^(?:\e\[[0-9;]*m)*\[INFO\] Scanning for projects/)
assert runs.size() == 5

def pushed = { String run -> ['amd64', 'arm64'].collectEntries { arch ->
  def m = (run =~ /\[linux\/${arch}\] done in \d+ ms \([^)]*\): (sha256:[0-9a-f]{64}), the reproducible image pushed as /)
  assert m.find() : "linux/${arch}: no reproducible push in ${run.take(300)}"
  [(arch): m.group(1)]
} }
def index = { String run ->
  def m = (run =~ /published \Q${registry}\E\/\Q${repo}\E\/base@(sha256:[0-9a-f]{64})/)
  assert m.find()
  m.group(1)
}
[runs[1], runs[2]].each { assert it.contains('BUILD SUCCESS') && it.contains('Deleted build cache objects') || it.contains('Total:') }
assert pushed(runs[1]) == pushed(runs[2]) : "per-arch digests differ: ${pushed(runs[1])} vs ${pushed(runs[2])}"
assert index(runs[1]) == index(runs[2])
// the registry holds them: the per-arch repositories and the index
pushed(runs[2]).each { arch, digest -> assert reg.manifest("${repo}/${arch}-base", '1.0.0').digest == digest }
assert reg.manifest("${repo}/base", '1.0.0').digest == index(runs[2])
// no provenance attestation (it records when it was built): each per-arch image is a plain manifest
pushed(runs[2]).each { arch, digest ->
  assert reg.manifest("${repo}/${arch}-base", '1.0.0').mediaType == 'application/vnd.oci.image.manifest.v1+json'
}

// 3: reproducible, per platform
assert runs[3].contains('BUILD SUCCESS')
pushed(runs[2]).each { arch, digest ->
  assert runs[3].contains("[linux/${arch}] linux/${arch}: reproducible (${digest})")
}
assert runs[3].contains("image ${registry}/${repo}/base: every platform is reproducible")

// 4: the changed file's layer (the COPY) is named, with both digests
assert runs[4].contains('BUILD FAILURE')
['amd64', 'arm64'].each { arch ->
  def line = runs[4].readLines().find { it.contains("linux/${arch}: NOT reproducible: layer ") }
  assert line != null : runs[4]
  assert line =~ /layer \d+ of \d+ differs \(sha256:[0-9a-f]{64} published, sha256:[0-9a-f]{64} rebuilt\)/
}
assert !(runs[4] =~ /(?m)^\s+at [\w.$]+\(/) : 'a stack trace for a verdict'
true
