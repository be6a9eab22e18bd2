#!/usr/bin/env python3
"""Generates .env corpora for bench/run: one file of N lines, and a tree of small files.

Lines mix what real .env files hold: comments, plain settings, quoted values, and PostgreSQL
URLs for Neon, Supabase and plain hosts (a quarter of them with findings). Deterministic.
"""
import os
import random
import sys

URLS = [
    'DATABASE_URL_{i}="postgresql://app:pw{i}x@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&connection_limit=20&pool_timeout=20&connect_timeout=10"',
    "DIRECT_URL_{i}=postgresql://app:pw{i}x@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require",
    "SUPA_URL_{i}=postgresql://postgres.abcdefghijklmnop:pw{i}x@aws-1-us-east-2.pooler.supabase.com:6543/postgres?pgbouncer=true&connection_limit=20&pool_timeout=20",
    "APP_DATABASE_URL_{i}=postgres://app:pw{i}x@ep-wild-voice-61367780.us-east-1.postgres.vercel-storage.com/verceldb",
    "LOCAL_URL_{i}=postgres://app@localhost:5432/app_{i}",
]
OTHER = [
    "# section {i}: settings for the service",
    "PORT_{i}=30{i}",
    'GREETING_{i}="hello world {i}"',
    "FEATURE_FLAG_{i}=true # enabled in staging",
    "export NODE_OPTIONS_{i}='--max-old-space-size=4096'",
    "",
    "REDIS_URL_{i}=redis://cache.internal:6379/{i}",
]


def line(rng, i):
    pool = URLS if rng.random() < 0.2 else OTHER
    return rng.choice(pool).format(i=i)


def write_file(path, lines, rng, start=0):
    with open(path, "w") as f:
        for i in range(start, start + lines):
            f.write(line(rng, i) + "\n")


def main():
    out, lines, tree_files = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    write_file(os.path.join(out, "big.env"), lines, rng)
    tree = os.path.join(out, "tree")
    for n in range(tree_files):
        d = os.path.join(tree, f"pkg{n // 100:03d}", f"app{n % 100:02d}")
        os.makedirs(d, exist_ok=True)
        write_file(os.path.join(d, ".env"), 30, rng, n * 30)


if __name__ == "__main__":
    main()
