#!/usr/bin/env python3
"""Generates the inputs bench/run and bench/complexity measure. Deterministic: every corpus is
built from a fixed seed, so the same arguments always write the same bytes.

  generate.py OUT typical          OUT/typical.env: a 30-line .env with two connection strings
  generate.py OUT projects N       OUT/projects/: N project folders, each with package.json,
                                   prisma/schema.prisma, .env, .env.example and .env.local
  generate.py OUT big MEGABYTES    OUT/big.env: one file of about that size
  generate.py OUT SHAPE N          an adversarial shape of size N (below); prints the path written

Lines of the .env files mix what real ones hold: comments, settings, quoted values, and
PostgreSQL URLs for Neon, Supabase and plain hosts, pooled and direct, some with findings.

Adversarial shapes, which bench/complexity times at N, 2N and 4N with the poolcheck arguments
given for each in SHAPES:
"""
import os
import random
import shutil
import string
import sys

CLEAN_URLS = [
    'DATABASE_URL="postgresql://app:pw{i}x@ep-cool-darkness-a1b2c3d4-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&connection_limit=20&pool_timeout=20&connect_timeout=10"',
    "DIRECT_URL=postgresql://app:pw{i}x@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require",
    "REPLICA_URL=postgres://app:pw{i}x@replica-{i}.internal.example.com:5432/app",
]
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


def env_file(rng, start, lines, unique_keys=False):
    out = []
    urls = [u.format(i=start) for u in CLEAN_URLS[:2]]
    if unique_keys:  # one big file: one service per block, each with its own variables
        urls = ["SVC%d_%s" % (start, u) for u in urls]
    positions = sorted(rng.sample(range(lines), len(urls)))
    for n in range(lines):
        if positions and n == positions[0]:
            positions.pop(0)
            out.append(urls.pop(0))
        else:
            out.append(rng.choice(OTHER).format(i=start + n))
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------------------------------------
# Project folders: what a checkout of a Next.js + Prisma app (or a plain node-postgres service)
# holds around its .env files.

NEON_REGIONS = ["us-east-2.aws", "us-east-1.aws", "eu-central-1.aws", "ap-southeast-1.aws"]
SUPA_REGIONS = ["aws-0-us-east-1", "aws-1-us-east-2", "aws-0-eu-central-1", "aws-0-ap-south-1"]
WORDS = ["cool", "wild", "silent", "bitter", "morning", "autumn", "icy", "quiet", "red", "young"]
NOUNS = ["darkness", "voice", "river", "sun", "mountain", "field", "snow", "leaf", "frost", "bird"]


def token(rng, n, alphabet=string.ascii_letters + string.digits):
    """N characters of ALPHABET, quickly (a long-line shape holds hundreds of megabytes)."""
    table = bytes(ord(alphabet[i % len(alphabet)]) for i in range(256))
    return rng.randbytes(n).translate(table).decode()


def neon_urls(rng, pooled_runtime):
    endpoint = "ep-%s-%s-%s" % (rng.choice(WORDS), rng.choice(NOUNS), token(rng, 8, "0123456789abcdef"))
    region = rng.choice(NEON_REGIONS)
    user, pw = "neondb_owner", "npg_" + token(rng, 12)
    pooled = "%s-pooler.%s.neon.tech" % (endpoint, region)
    direct = "%s.%s.neon.tech" % (endpoint, region)
    runtime = pooled if pooled_runtime else direct
    return ("postgresql://%s:%s@%s/neondb?sslmode=require" % (user, pw, runtime),
            "postgresql://%s:%s@%s/neondb?sslmode=require" % (user, pw, direct))


def supabase_urls(rng, pooled_runtime):
    ref = token(rng, 20, string.ascii_lowercase)
    pw = token(rng, 16)
    region = rng.choice(SUPA_REGIONS)
    if pooled_runtime:
        runtime = ("postgresql://postgres.%s:%s@%s.pooler.supabase.com:6543/postgres?pgbouncer=true"
                   % (ref, pw, region))
    else:
        runtime = "postgresql://postgres:%s@db.%s.supabase.co:5432/postgres" % (pw, ref)
    direct = "postgresql://postgres.%s:%s@%s.pooler.supabase.com:5432/postgres" % (ref, pw, region)
    return runtime, direct


def plain_urls(rng, _pooled):
    host = rng.choice(["db.internal.example.com", "localhost",
                       "app-prod.c%s.us-east-1.rds.amazonaws.com" % token(rng, 12, string.ascii_lowercase)])
    pw = token(rng, 14)
    url = "postgresql://app:%s@%s:5432/app?schema=public" % (pw, host)
    return url, url


DEPENDENCIES = [("react", "^19.0.0"), ("react-dom", "^19.0.0"), ("zod", "^3.24.1"),
                ("next-auth", "^4.24.11"), ("@tanstack/react-query", "^5.62.8"),
                ("tailwind-merge", "^2.6.0"), ("date-fns", "^4.1.0"), ("stripe", "^17.5.0")]
DEV_DEPENDENCIES = [("typescript", "^5.7.2"), ("@types/node", "^22.10.2"), ("eslint", "^9.17.0"),
                    ("tailwindcss", "^3.4.17")]


def package_json(rng, name, prisma):
    deps = dict(rng.sample(DEPENDENCIES, rng.randint(2, 6)))
    deps["next"] = rng.choice(["14.2.21", "15.1.0", "15.1.3"])
    dev = dict(rng.sample(DEV_DEPENDENCIES, rng.randint(1, 4)))
    if prisma:
        deps["@prisma/client"] = prisma
        dev["prisma"] = prisma
    else:
        deps["pg"] = "^8.13.1"
    lines = ['{', '  "name": "%s",' % name, '  "version": "0.1.0",', '  "private": true,',
             '  "scripts": {', '    "dev": "next dev",', '    "build": "%snext build",'
             % ("prisma generate && " if prisma else ""), '    "start": "next start"', '  },']
    for key, table in (("dependencies", deps), ("devDependencies", dev)):
        lines.append('  "%s": {' % key)
        items = sorted(table.items())
        for k, (dep, version) in enumerate(items):
            lines.append('    "%s": "%s"%s' % (dep, version, "," if k + 1 < len(items) else ""))
        lines.append("  }," if key == "dependencies" else "  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


SCHEMA = """generator client {
  provider = "prisma-client-js"
}

datasource db {
  provider  = "postgresql"
  url       = env("DATABASE_URL")
  directUrl = env("DIRECT_URL")
}

model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique
  name      String?
  createdAt DateTime @default(now())
  posts     Post[]
}

model Post {
  id       Int    @id @default(autoincrement())
  title    String
  authorId Int
  author   User   @relation(fields: [authorId], references: [id])
}
"""


def project(rng, root, n):
    name = "app-%s-%s-%04d" % (rng.choice(WORDS), rng.choice(NOUNS), n)
    d = os.path.join(root, "team%02d" % (n // 100), name)
    os.makedirs(os.path.join(d, "prisma"), exist_ok=True)
    prisma = rng.choice(["^5.22.0", "^6.1.0", "6.19.0", None])
    provider = rng.choice([neon_urls, neon_urls, supabase_urls, plain_urls])
    runtime, direct = provider(rng, rng.random() < 0.7)  # most runtime URLs go through a pooler
    secret = token(rng, 32)
    with open(os.path.join(d, "package.json"), "w") as f:
        f.write(package_json(rng, name, prisma))
    with open(os.path.join(d, "prisma", "schema.prisma"), "w") as f:
        f.write(SCHEMA)
    env = ["# Connection strings for %s (Prisma reads DATABASE_URL at runtime, DIRECT_URL for"
           " migrations)" % name,
           'DATABASE_URL="%s"' % runtime,
           'DIRECT_URL="%s"' % direct,
           "",
           "# Auth",
           "NEXTAUTH_URL=https://%s.vercel.app" % name,
           "NEXTAUTH_SECRET=%s" % secret,
           "GITHUB_ID=Iv1.%s" % token(rng, 16, "0123456789abcdef"),
           "GITHUB_SECRET=%s" % token(rng, 40, "0123456789abcdef"),
           "",
           "STRIPE_SECRET_KEY=sk_test_%s" % token(rng, 24),
           "NEXT_PUBLIC_APP_URL=https://%s.vercel.app" % name]
    with open(os.path.join(d, ".env"), "w") as f:
        f.write("\n".join(env) + "\n")
    with open(os.path.join(d, ".env.example"), "w") as f:
        f.write("# Copy to .env and fill in\n"
                'DATABASE_URL="postgresql://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require"\n'
                'DIRECT_URL="postgresql://USER:PASSWORD@HOST:5432/DATABASE?sslmode=require"\n'
                "NEXTAUTH_URL=http://localhost:3000\nNEXTAUTH_SECRET=\nGITHUB_ID=\nGITHUB_SECRET=\n"
                "STRIPE_SECRET_KEY=\n")
    with open(os.path.join(d, ".env.local"), "w") as f:
        f.write("# Local database (docker compose up db)\n"
                "DATABASE_URL=postgresql://postgres:postgres@localhost:5432/%s\n"
                "DIRECT_URL=postgresql://postgres:postgres@localhost:5432/%s\n"
                "NEXTAUTH_URL=http://localhost:3000\n" % (name.replace("-", "_"), name.replace("-", "_")))


# ------------------------------------------------------------------------------------------------
# Adversarial shapes: inputs whose size grows in one direction only, to catch work that grows
# faster than the input. Each writer returns the path to pass to poolcheck.

NEON_DIRECT = "postgresql://app:pw@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require"


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def similar_keys(path, n, _rng):
    return write(path, "".join("SERVICE_%06d_DATABASE_URL=postgres://app@db.example.com/app?sslmode=require\n"
                               % i for i in range(n)))


def long_line(path, n, rng):
    return write(path, "DATABASE_URL=postgres://app:pw@db.example.com/%s?sslmode=require\n"
                 % token(rng, n))


def many_params(path, n, _rng):
    return write(path, "DATABASE_URL=postgres://app:pw@db.example.com/app?%s\n"
                 % "&".join("a%d=%d" % (i, i) for i in range(n)))


def many_findings(path, n, _rng):
    # Every `?` after the first is a finding (URL003), each with its own position and fix.
    return write(path, "DATABASE_URL=postgres://app:pw@db.example.com/app?%s\n"
                 % "?".join("a%d=%d" % (i, i) for i in range(n)))


def many_files(path, n, rng):
    os.makedirs(path, exist_ok=True)
    for i in range(n):
        write(os.path.join(path, "svc%06d.env" % i), env_file(rng, i * 10, 10))
    return path


def many_suppressions(path, n, _rng):
    return write(path, "".join("# poolcheck: ignore[NEON001]\nDATABASE_URL_%d=%s\n" % (i, NEON_DIRECT)
                               for i in range(n)))


def many_fixes(path, n, _rng):
    return write(path, "".join("DATABASE_URL_%d=%s\n" % (i, NEON_DIRECT) for i in range(n)))


def long_password(path, n, rng):
    return write(path, "DATABASE_URL=postgresql://app:%s@ep-cool-darkness-a1b2c3d4.us-east-2.aws.neon.tech/neondb?sslmode=require\n"
                 % token(rng, n))


def many_question_marks(path, n, _rng):
    return write(path, "DATABASE_URL=postgres://u:p@h/db?%s\n" % ("?" * n))


def many_ats(path, n, _rng):
    return write(path, "DATABASE_URL=postgres://u:p%sh/db\n" % ("@" * n))


def compose_services(path, n, _rng):
    # Deployment files are read through libfyaml into a tree: a Compose file of N services, each
    # with a fixable Neon URL (sslmode missing) in its environment map.
    return write(path, "services:\n" + "".join(
        "  svc%d:\n    image: app\n    environment:\n      NODE_ENV: production\n"
        "      DATABASE_URL: \"%s\"\n" % (i, NEON_DIRECT.replace("?sslmode=require", ""))
        for i in range(n)))


def fly_env(path, n, _rng):
    # ... and TOML through toml++: a fly.toml whose [env] has N fixable URLs.
    return write(path, "app = \"x\"\n\n[env]\n" + "".join(
        "  DATABASE_URL_%d = \"%s\"\n" % (i, NEON_DIRECT.replace("?sslmode=require", ""))
        for i in range(n)))


# name: (writer, poolcheck arguments with FILE for the path, base size, what it stands for).
# The base sizes make each run take about 0.1 s on a linear poolcheck (bench/complexity doubles
# a size whose run is too short to time).
SHAPES = {
    "similar-keys": (similar_keys, ["check", "--no-config", "-q", "FILE"], 10000,
                     "N entries SERVICE_000001_DATABASE_URL=..., names alike in the middle"),
    "long-line": (long_line, ["check", "--no-config", "-q", "FILE"], 32000000,
                  "one URL with a path of N bytes"),
    "many-params": (many_params, ["check", "--no-config", "-q", "FILE"], 160000,
                    "one URL with N query parameters"),
    "many-findings": (many_findings, ["check", "--no-config", "-q", "FILE"], 10000,
                      "one URL with N `?` separators: N findings on one line"),
    "many-findings-json": (many_findings, ["check", "--no-config", "--format", "json", "FILE"], 10000,
                           "the same, as JSON"),
    "many-findings-sarif": (many_findings, ["check", "--no-config", "--format", "sarif", "FILE"], 10000,
                            "the same, as SARIF"),
    "many-files": (many_files, ["check", "--no-config", "-q", "FILE"], 4000,
                   "N small .env files in one folder"),
    "many-suppressions": (many_suppressions, ["check", "--no-config", "-q", "FILE"], 5000,
                          "N `# poolcheck: ignore[NEON001]` lines, each before a Neon direct URL"),
    "fix-diff": (many_fixes, ["check", "--no-config", "--fix", "--diff", "FILE"], 10000,
                 "N entries with a safe fix, --fix --diff (changes nothing)"),
    "fix-in-place": (many_fixes, ["check", "--no-config", "--fix", "-q", "FILE"], 10000,
                     "N entries with a safe fix, --fix on a fresh copy"),
    "long-password-diff": (long_password, ["check", "--no-config", "--diff", "FILE"], 4000000,
                           "one fixable URL with a password of N bytes, --diff"),
    "many-question-marks": (many_question_marks, ["check", "--no-config", "-q", "FILE"], 40000,
                            "postgres://u:p@h/db? then N `?`"),
    "many-ats": (many_ats, ["check", "--no-config", "-q", "FILE"], 40000,
                 "postgres://u:p then N `@` then h/db"),
    "compose-services": (compose_services, ["check", "--no-config", "--fix", "--diff", "FILE"], 2000,
                         "a Compose file of N services, each with a fixable URL, --fix --diff"),
    "fly-env": (fly_env, ["check", "--no-config", "--fix", "--diff", "FILE"], 2000,
                "a fly.toml whose [env] has N fixable URLs, --fix --diff"),
}
__doc__ += "".join("  %-20s %s\n" % (name, s[3]) for name, s in SHAPES.items())


def shape(out, name, n):
    """Writes shape NAME of size N under OUT (anew) and returns the path to check."""
    writer = SHAPES[name][0]
    base = "%s-%d" % (writer.__name__.replace("_", "-"), n)
    # The file name says the format: a Compose file, a fly.toml, a .env file.
    named = {many_files: base, compose_services: "docker-compose.%s.yml" % base,
             fly_env: "fly.%s.toml" % base}
    path = os.path.join(out, named.get(writer, base + ".env"))
    if os.path.isdir(path):
        shutil.rmtree(path)
    return writer(path, n, random.Random(n))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, kind = sys.argv[1], sys.argv[2]
    rng = random.Random(42)
    os.makedirs(out, exist_ok=True)
    if kind == "typical":
        with open(os.path.join(out, "typical.env"), "w") as f:
            f.write(env_file(rng, 0, 30))
    elif kind == "projects":
        root = os.path.join(out, "projects")
        for n in range(int(sys.argv[3])):
            project(rng, root, n)
    elif kind == "big":
        target = int(sys.argv[3]) * 1024 * 1024
        written, n = 0, 0
        with open(os.path.join(out, "big.env"), "w") as f:
            while written < target:
                block = env_file(rng, n * 30, 30, unique_keys=True)
                f.write(block)
                written += len(block)
                n += 1
    elif kind in SHAPES:
        print(shape(out, kind, int(sys.argv[3])))
    else:
        sys.exit("unknown corpus %s\n\n%s" % (kind, __doc__))


if __name__ == "__main__":
    main()
