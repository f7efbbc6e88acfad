// Round 2 ran after the builder cache and the local images were removed: the expensive RUN step
// must come from the registry cache (the round-1 images' inline cache), for both platforms.
def log = new File(basedir, 'build.log').text
def rounds = log.split(/(?m)^\[INFO\] Scanning for projects/)
assert rounds.size() >= 3 : "expected two Maven runs in build.log"
def round1 = rounds[-2]
def round2 = rounds[-1]
assert round2.contains('Deleted build cache objects') || round2.contains('Total:') : 'round 2 did not prune'

['amd64', 'arm64'].each { arch ->
  def p = "[linux/${arch}] "
  // round 1 ran the step; round 2 imported the registry cache and marked the step CACHED
  def step1 = round1.readLines().find { it.contains(p) && it.contains('RUN echo "expensive work') }
  assert step1 != null
  def id1 = (step1 =~ /#(\d+) \[/)[0][1]
  assert round1.contains("${p}#${id1} DONE") : "round 1 ${arch}: expensive step did not run"
  def step2 = round2.readLines().find { it.contains(p) && it.contains('RUN echo "expensive work') }
  assert step2 != null
  def id2 = (step2 =~ /#(\d+) \[/)[0][1]
  assert round2.contains("${p}#${id2} CACHED") : "round 2 ${arch}: expensive step was not CACHED"
  assert round2.contains("${p}") && round2.contains('importing cache manifest from')
}
true
