"""The web client's production settings, with P5's Django floor (django_floor.py) in front of its own URLs."""

from config.settings import *  # noqa: F403  (every setting of the client, unchanged but the URLconf)

ROOT_URLCONF = "bench_client.django_floor"
