"""gunicorn settings for both projects in production: `gunicorn -c deploy/gunicorn.conf.py config.wsgi`.

Every value comes from the environment, so one file serves the API and the client on any machine. gthread, not
sync: a worker thread waiting on the API or the database must not be the whole worker; nginx in front buffers
requests and answers, so no slow client ever holds a thread (deploy/nginx/stockroom.conf).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
# A request may take this long (a CSV import of 10 MiB, a large export); a worker stuck longer is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
# On SIGTERM (a deploy), requests under way get this long to finish before their worker is stopped.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# nginx opens a connection per request to its upstreams; a short keep-alive frees idle threads quickly.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "2"))
# Django's own request log (common/middleware.py) records every request; gunicorn's access log would double it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Only the local nginx may tell gunicorn the scheme (X-Forwarded-Proto); Django reads it too (SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = os.environ.get("GUNICORN_PROC_NAME", "stockroom")
