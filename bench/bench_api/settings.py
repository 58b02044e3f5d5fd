"""Production settings, with the control views' URLs added; used only by `make bench`."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench_api.urls"
