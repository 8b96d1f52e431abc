#!/usr/bin/env bash
# Starts the PostgreSQL server with pgvector that the tests (and a local STORE=postgres) use, installing
# it first when missing, with the shared set-up script (../shared/tools/postgres-pgvector.sh: Debian's
# PostgreSQL, pgvector built from the vendored source). Prints DATABASE_URL=… as its last line.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for candidate in "${POSTGRES_PGVECTOR_SH:-}" "$here/../shared/tools/postgres-pgvector.sh" /work/shared/tools/postgres-pgvector.sh; do
  if [[ -n "$candidate" && -f "$candidate" ]]; then exec bash "$candidate" "${1:-newsqa_test}"; fi
done
echo "cannot start PostgreSQL: ../shared/tools/postgres-pgvector.sh was not found; set POSTGRES_PGVECTOR_SH to it, or set TEST_DATABASE_URL to a PostgreSQL database with pgvector" >&2
exit 1
