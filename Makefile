# Stockroom: `make run` serves both apps, `make test` runs every suite. Each target calls one command.
PYTHON ?= python3

.DEFAULT_GOAL := help
.PHONY: help run test lint setup schema soak bench cluster cluster-soak

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

run: ## Install, migrate and serve the API (:8000) and the web client (:8001); DEMO=1 seeds demo data
	@$(PYTHON) scripts/run.py

test: ## Install, lint and run every suite; choose with SUITES="lint api client integration fuzz browser"
	@$(PYTHON) scripts/test.py

lint: ## Run ruff over the repository
	@SUITES=lint $(PYTHON) scripts/test.py

setup: ## Create or update the three virtual environments
	@$(PYTHON) scripts/venvs.py

schema: ## Regenerate api_service/openapi.yaml, the API's committed OpenAPI schema, from the code
	@$(PYTHON) scripts/schema.py

soak: ## Long runs on PostgreSQL + Redis: 32 users for 5 min, faults, fuzzing of 10,000+ cases (SOAK_*, FUZZ_*)
	@$(PYTHON) scripts/soak.py

bench: ## Measure P1-P9 against their targets (needs wrk); BENCH_SCALE=large, BENCH_SMOKE=1, BENCH_PAIRS, BENCH_SECONDS
	@$(PYTHON) scripts/bench.py

cluster: ## nginx + 2 API + 2 client instances on PostgreSQL and Redis until Ctrl-C (CLUSTER_PORT, CLUSTER_DATABASE_URL, CLUSTER_REDIS_URL)
	@$(PYTHON) scripts/cluster.py serve

cluster-soak: ## The cluster's fault run: 32 users for 5 min, kills, rolling restart, then the cluster suite (CLUSTER_SOAK_SECONDS)
	@$(PYTHON) scripts/cluster.py soak
