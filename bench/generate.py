#!/usr/bin/env python3
"""Generates the corpora bench/run measures. Deterministic (fixed seed).

  generate.py OUT typical          OUT/typical.env: a 30-line .env with two connection strings
  generate.py OUT tree N           OUT/tree/: N small .env files (30 lines), in nested folders
  generate.py OUT big MEGABYTES    OUT/big.env: one file of about that size
  generate.py OUT plain MEGABYTES  OUT/plain.env: the same without PostgreSQL URLs (parse-bound)

Lines mix what real .env files hold: comments, settings, quoted values, and PostgreSQL URLs for
Neon, Supabase and plain hosts; one file in twenty of the tree has a finding.
"""
import os
import random
import sys

CLEAN_URLS = [
    'DATABASE_URL="postgresql://app:pw{i}x@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&connection_limit=20&pool_timeout=20&connect_timeout=10"',
    "DIRECT_URL=postgresql://app:pw{i}x@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require",
    "REPLICA_URL=postgres://app:pw{i}x@replica-{i}.internal.example.com:5432/app",
]
BROKEN_URL = "WORKER_DATABASE_URL=postgres://app:pw{i}x@ep-wild-voice-61367780.us-east-1.postgres.vercel-storage.com/verceldb"
OTHER = [
    "# section {i}: settings for the service",
    "PORT_{i}=30{i}",
    'GREETING_{i}="hello world {i}"',
    "FEATURE_FLAG_{i}=true # enabled in staging",
    "export NODE_OPTIONS_{i}='--max-old-space-size=4096'",
    "",
    "REDIS_URL_{i}=redis://cache.internal:6379/{i}",
    "SENTRY_DSN_{i}=https://abc{i}@o1.ingest.sentry.io/{i}",
]


def env_file(rng, start, lines, broken, unique_keys=False, plain=False):
    out = []
    urls = [] if plain else [u.format(i=start) for u in CLEAN_URLS[:2]]
    if unique_keys:  # one big file: one service per block, each with its own variables
        urls = ["SVC%d_%s" % (start, u) for u in urls]
    if broken:
        urls.append(BROKEN_URL.format(i=start))
    positions = sorted(rng.sample(range(lines), len(urls)))
    for n in range(lines):
        if positions and n == positions[0]:
            positions.pop(0)
            out.append(urls.pop(0))
        else:
            out.append(rng.choice(OTHER).format(i=start + n))
    return "\n".join(out) + "\n"


def main():
    out, kind = sys.argv[1], sys.argv[2]
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    if kind == "typical":
        with open(os.path.join(out, "typical.env"), "w") as f:
            f.write(env_file(rng, 0, 30, broken=False))
    elif kind == "tree":
        count = int(sys.argv[3])
        for n in range(count):
            d = os.path.join(out, "tree", f"pkg{n // 100:03d}", f"app{n % 100:02d}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, ".env"), "w") as f:
                f.write(env_file(rng, n * 30, 30, broken=(n % 20 == 0)))
    elif kind in ("big", "plain"):
        target = int(sys.argv[3]) * 1024 * 1024
        written, n = 0, 0
        with open(os.path.join(out, kind + ".env"), "w") as f:
            while written < target:
                block = env_file(rng, n * 30, 30, broken=False, unique_keys=True,
                                 plain=kind == "plain")
                f.write(block)
                written += len(block)
                n += 1
    else:
        sys.exit("unknown corpus " + kind)


if __name__ == "__main__":
    main()
