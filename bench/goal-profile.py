#!/usr/bin/env python3
"""Where a Maven run's main-thread wall time goes, from wall-clock profiles in collapsed form.

Usage: goal-profile.py LABEL=FILE[,FILE...] ...

Each FILE is one run's profile (one line per stack, its sample count at the end; the stack starts
with the thread's name). Every main-thread sample is put in the first part (below) whose frame is
on its stack; the table gives each part's median over the runs of a label, in milliseconds (one
sample is one millisecond of wall time). The profiler slows what it watches, so the parts are for
comparing with each other, not with the benchmarks' wall times.
"""
import statistics
import sys

# (part, frames that put a sample in it): the first part with a frame on the stack takes it
PARTS = [
    ("goal: the plan (metadata, every goal's part, plan.json)", ["io/github/dockerbuild/mojo/PlanMaker.make"]),
    ("goal: the signature check", ["io/github/dockerbuild/signature/KeyVerifier.verify"]),
    ("goal: registry requests and their answers",
     ["io/github/dockerbuild/verify/VerifyService.verify", "io/github/dockerbuild/publish/PublishService",
      "io/github/dockerbuild/registry/RegistryClient"]),
    ("goal: the rest (record, CI outputs, set-up)", ["io/github/dockerbuild/mojo/"]),
    ("Maven: the plugin's descriptor (also finds the goal prefix)", ["DefaultMavenPluginManager.getPluginDescriptor"]),
    ("Maven: the plugin realm's dependencies", ["DefaultPluginDependenciesResolver.resolve"]),
    ("Maven: the realm, mojo lookup and configuration", ["DefaultMavenPluginManager.setupPluginRealm",
                                                         "DefaultMavenPluginManager.getConfiguredMojo"]),
    ("Maven: the project's model", ["DefaultGraphBuilder.build"]),
    ("Maven: start-up, session and the rest", [""]),
]


def parts_of(path):
    totals = dict.fromkeys((p for p, _ in PARTS), 0)
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack.startswith("[main"):
                continue
            for part, frames in PARTS:
                if any(f in stack for f in frames):
                    totals[part] += int(count)
                    break
    return totals


def main(args):
    labels, runs = [], {}
    for arg in args:
        label, _, files = arg.partition("=")
        labels.append(label)
        runs[label] = [parts_of(f) for f in files.split(",") if f]
    medians = {l: {p: statistics.median(r[p] for r in runs[l]) for p, _ in PARTS} for l in labels}
    print("| part | " + " | ".join(labels) + " |")
    print("|---|" + "---|" * len(labels))
    for part, _ in PARTS:
        if any(medians[l][part] for l in labels):
            print("| " + part + " | " + " | ".join("%d" % medians[l][part] for l in labels) + " |")
    total = {l: statistics.median(sum(r.values()) for r in runs[l]) for l in labels}
    print("| main thread in all (median of the runs' sums) | " + " | ".join("%d" % total[l] for l in labels) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
