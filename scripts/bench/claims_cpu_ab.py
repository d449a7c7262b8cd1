#!/usr/bin/env python3
"""CPU per transition of the claim + close loops, variants alternated run by run (issue 15).

Runs inside the bench cluster:
    scripts/bench/cluster.sh python3 scripts/bench/claims_cpu_ab.py [--rounds N] [--requests N] VARIANT...

A VARIANT is `-` (the desk as migrated), a `.sql` file applied to the desk before the loops (a
schema change to try), or `bin=DIR` (another build's `dsar-bench`, e.g. `bin=/other/.build/release`).
One desk is prepared once (`dsar-bench prepare-claims`) and copied for every run.

The rate (`transitions/s`) only means something on a quiet machine; the CPU per transition
holds under load too: the server's from the postmaster's reaped children (the loops' backends
end with the run), the client's from the driver's rusage. Both include the driver's audit check
after the loops, the same for every variant.
"""
import argparse
import json
import os
import resource
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
RELEASE = os.path.join(HERE, "..", "..", ".build", "release")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--requests", type=int, default=8000)
    parser.add_argument("--loops", type=int, default=8)
    parser.add_argument("variants", nargs="+")
    args = parser.parse_args()
    url = os.environ.get("DSAR_BENCH_DATABASE_URL")
    if not url:
        sys.exit("claims_cpu_ab: run it through scripts/bench/cluster.sh (DSAR_BENCH_DATABASE_URL is not set)")
    base = url.rsplit("/", 1)[0]

    def psql(sql, db="postgres"):
        subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql, f"{base}/{db}"], check=True,
                       stdout=subprocess.DEVNULL)

    data = subprocess.run(["psql", "-X", "-Atc", "SHOW data_directory", url], check=True, capture_output=True,
                          text=True).stdout.strip()
    postmaster = int(open(os.path.join(data, "postmaster.pid")).readline())
    tick = os.sysconf("SC_CLK_TCK")

    def reaped_children_cpu():
        fields = open(f"/proc/{postmaster}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[13]) + int(fields[14])) / tick  # cutime + cstime

    psql("DROP DATABASE IF EXISTS claims_ab_template")
    psql("CREATE DATABASE claims_ab_template")
    subprocess.run([os.path.join(RELEASE, "dsar"), "db", "migrate", "--database-url", f"{base}/claims_ab_template"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run([os.path.join(RELEASE, "dsar-bench"), "prepare-claims", "--database-url",
                    f"{base}/claims_ab_template", "--requests", str(args.requests)], check=True, stdout=subprocess.DEVNULL)
    for _ in range(args.rounds):
        for variant in args.variants:
            psql("DROP DATABASE IF EXISTS claims_ab_run")
            psql("CREATE DATABASE claims_ab_run TEMPLATE claims_ab_template")
            driver = os.path.join(RELEASE, "dsar-bench")
            if variant.startswith("bin="):
                driver = os.path.join(variant[4:], "dsar-bench")
            elif variant != "-":
                subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", variant, f"{base}/claims_ab_run"],
                               check=True, stdout=subprocess.DEVNULL)
            psql("CHECKPOINT", "claims_ab_run")
            server0 = reaped_children_cpu()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            out = subprocess.run([driver, "claim-loops", "--database-url", f"{base}/claims_ab_run", "--loops",
                                  str(args.loops)], check=True, stdout=subprocess.PIPE).stdout
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            server = reaped_children_cpu() - server0
            result = json.loads(out)
            transitions = max(result["transitions"], 1)
            client = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            print(json.dumps({
                "variant": variant, "transitions_per_second": round(result["transitions_per_second"]),
                "server_ms_per_transition": round(server * 1000 / transitions, 3),
                "client_ms_per_transition": round(client * 1000 / transitions, 3),
                "double_claims": result["double_claims"], "audit_intact": result["audit_intact"],
                "failures": result["failures"], "load": open("/proc/loadavg").read().split()[0],
            }), flush=True)
    psql("DROP DATABASE IF EXISTS claims_ab_run")
    psql("DROP DATABASE IF EXISTS claims_ab_template")


if __name__ == "__main__":
    main()
