// Two publishes of the same six tags at once, each with an index of its own (another revision, so
// another index annotation): a run that exited 0 found every tag on its index when it read them back;
// a run whose tag another moved failed in one line naming the tag and both digests. Whatever the
// interleaving: both runs exiting 0 means every tag is on one index, and tags split across two indexes
// mean a run failed saying so. (Both follow from each run moving every tag before reading any back.)
def Registry = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itLib, 'Registry.groovy'))
def reg = Registry.newInstance(registry)
def nonce = Registry.nonce(basedir)
def repo = "it/publish-race-${nonce}".toString()
def tags = ['1.0.0', '1.0', '1', 'stable', 'edge', 'current']

def mvn = new File(System.getProperty('maven.home'), 'bin/mvn').path
def publish = { String revision ->
  def log = new File(basedir, "race-${revision.take(1)}.log")
  // the ITs' settings (their local.central repository), so the offline Maven finds the plugin the invoker installed
  def settings = new File(basedir, '../../../src/it/settings.xml').canonicalPath
  def pb = new ProcessBuilder(mvn, '-B', '-o', '-s', settings, "-Dmaven.repo.local=${localRepositoryPath}", "-Dit.nonce=${nonce}",
      "-Ddocker.revision=${revision}", 'docker-build:metadata', 'docker-build:publish')
      .directory(basedir).redirectErrorStream(true).redirectOutput(log)
  pb.environment().keySet().removeAll(pb.environment().keySet().findAll { it.startsWith('GITHUB_') || it == 'CI' })
  [pb.start(), log]
}
def runs = [publish('a' * 40), publish('b' * 40)]
def results = runs.collect { p, log -> [exit: p.waitFor(), log: log.text] }

def published = results.collect { r ->
  def m = (r.log =~ /published \Q${registry}\/${repo}\E@(sha256:[0-9a-f]{64})/)
  m.find() ? m.group(1) : null
}
def now = tags.collectEntries { [(it): reg.manifest(repo, it).digest] }
results.eachWithIndex { r, i ->
  assert !(r.log =~ /(?m)^\s+at [\w.$]+\(/) : "run ${i}: a stack trace"
  if (r.exit == 0) {
    assert published[i] != null : r.log
  } else {
    def line = r.log.readLines().find { it.contains('another writer moved tags after this publish moved them') }
    assert line != null : "run ${i} failed otherwise: ${r.log.readLines().findAll { it.startsWith('[ERROR]') }.take(3)}"
    assert line =~ /moved them to sha256:[0-9a-f]{64}: (\S+ now points at sha256:[0-9a-f]{64}(, )?)+; two publishes of these tags ran at once/
  }
}
def distinct = now.values() as Set
// the promise: tags split across two indexes never come without a run that failed naming a moved tag
if (distinct.size() > 1) {
  assert results.any { it.exit != 0 } : "tags split across ${distinct} while both runs exited 0"
}
// and when both exited 0, they ran one after the other: every tag is on one of their indexes
if (results.every { it.exit == 0 }) {
  assert distinct.size() == 1 && published.contains(distinct.first())
}
println "race: exits ${results*.exit}, published ${published}, tags now ${distinct}"
true
