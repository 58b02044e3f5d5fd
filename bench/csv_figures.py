"""The figures of the CSV issue: the export's worker memory, and a 50,000-row import's preview and commit times."""

import csv
import io
import threading
import time
from contextlib import contextmanager

import requests

from bench.figures import Figure

EXPORT_GROWTH_MIB = 20.0
IMPORT_SECONDS = 30.0
_SAMPLE_EVERY = 0.01  # seconds between reads of the worker's memory


class PeakMemory:
    """The API workers' resident memory, sampled on a thread while something runs: before, at the peak, after."""

    def __init__(self, api):
        self.api = api
        self.before = self.peak = self.after = 0
        self._running = False

    @contextmanager
    def watching(self):
        """Sample the workers' memory until the block ends."""
        self.before = self.peak = self.api.worker_rss_kib()
        self._running = True
        sampler = threading.Thread(target=self._sample, daemon=True)
        sampler.start()
        try:
            yield self
        finally:
            self._running = False
            sampler.join()
            self.after = self.api.worker_rss_kib()
            self.peak = max(self.peak, self.after)

    def _sample(self):
        while self._running:
            self.peak = max(self.peak, self.api.worker_rss_kib())
            time.sleep(_SAMPLE_EVERY)

    @property
    def growth_mib(self) -> float:
        """The peak over the memory before, in MiB."""
        return (self.peak - self.before) / 1024

    def describe(self) -> str:
        """Say what the workers held before, at the peak and after."""
        before, peak, after = (kib / 1024 for kib in (self.before, self.peak, self.after))
        return f"worker {before:.1f} MiB before, {peak:.1f} MiB at the peak, {after:.1f} MiB after"

    def raw(self) -> dict:
        """The samples, in KiB."""
        return {"rss_kib_before": self.before, "rss_kib_peak": self.peak, "rss_kib_after": self.after}


class CsvFigures:
    """Export and import through the running API as a user would, with the bench user's token."""

    def __init__(self, api, token: str, *, import_rows: int):
        self.api, self.import_rows = api, import_rows
        self.base = f"{api.url}/api/v1/items/"
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Token {token}"

    def e1_export_memory(self) -> Figure:
        """Export every item of the bench user: the API worker's memory at its peak during it over before it."""
        # A first, empty export loads the code the measured one runs, so the figure is the export's own growth.
        self.http.get(f"{self.base}export/", params={"search": "no such item"}, timeout=30).raise_for_status()
        memory = PeakMemory(self.api)
        started = time.monotonic()
        with memory.watching(), self.http.get(f"{self.base}export/", stream=True, timeout=600) as answer:
            answer.raise_for_status()
            size = lines = 0
            for chunk in answer.iter_content(chunk_size=1 << 16):
                size += len(chunk)
                lines += chunk.count(b"\n")  # not CRLF: one may be split across two chunks
        seconds = time.monotonic() - started
        items = lines - 1  # the header; a description may hold a line break, but the bench's hold none
        return Figure(
            "E1",
            f"Export of {items:,} items as CSV: API worker memory growth, MiB",
            memory.growth_mib,
            EXPORT_GROWTH_MIB,
            False,
            f"{size / 2**20:.2f} MiB of CSV in {seconds:.1f} s; {memory.describe()}",
            {"items": items, "bytes": size, "seconds": round(seconds, 2), **memory.raw()},
        )

    def i1_i2_import(self) -> list[Figure]:
        """Import a file of `import_rows` rows (half of them changing exported items): preview, then commit."""
        body, updates = self._import_file()
        memory = PeakMemory(self.api)
        with memory.watching():
            started = time.monotonic()
            answer = self.http.post(
                f"{self.base}imports/", data=body, headers={"Content-Type": "text/csv"}, timeout=600
            )
            preview_seconds = time.monotonic() - started
        if answer.status_code != 201:
            raise RuntimeError(f"the import preview answered {answer.status_code}: {answer.text[:300]}")
        report = answer.json()
        expected = (self.import_rows, self.import_rows - updates, updates, 0)
        if (report["rows"], report["create"], report["update"], report["error_count"]) != expected:
            raise RuntimeError(f"the import preview counted {report} where {expected} was expected")
        preview = Figure(
            "I1",
            f"Import of {self.import_rows:,} CSV rows ({updates:,} updates): preview, seconds",
            preview_seconds,
            IMPORT_SECONDS,
            False,
            f"{len(body) / 2**20:.2f} MiB file; {memory.describe()}",
            {"rows": self.import_rows, "updates": updates, "bytes": len(body), **memory.raw()},
        )
        memory = PeakMemory(self.api)
        with memory.watching():
            started = time.monotonic()
            answer = self.http.post(f"{self.base}imports/{report['id']}/commit/", timeout=600)
            commit_seconds = time.monotonic() - started
        if answer.status_code != 200:
            raise RuntimeError(f"the import commit answered {answer.status_code}: {answer.text[:300]}")
        commit = Figure(
            "I2",
            f"Import of {self.import_rows:,} CSV rows: commit, seconds",
            commit_seconds,
            IMPORT_SECONDS,
            False,
            "{created:,} created, {updated:,} updated, {categories_created:,} categories created; ".format(
                **answer.json()
            )
            + memory.describe(),
            {"result": answer.json(), **memory.raw()},
        )
        return [preview, commit]

    def _import_file(self) -> tuple[bytes, int]:
        """Return a CSV file as a spreadsheet user would send back: exported rows with new prices, then new rows."""
        wanted = self.import_rows // 2
        exported = []
        with self.http.get(f"{self.base}export/", params={"ordering": "name"}, stream=True, timeout=600) as answer:
            answer.raise_for_status()
            reader = csv.reader(answer.iter_lines(decode_unicode=True))
            header = next(reader)
            sku, price = header.index("sku"), header.index("price")
            for row in reader:
                if len(exported) == wanted:
                    break
                # Only a row with a SKU updates (P3 creates items without one); a CRLF split across two chunks
                # reads as an empty line between them.
                if row and row[sku]:
                    exported.append(row)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in exported:
            row[price] = f"{float(row[price]) + 1:.2f}"
            writer.writerow(row)
        for n in range(self.import_rows - len(exported)):
            writer.writerow([f"BENCH-NEW-{n}", f"Imported item {n}", "", f"Imported {n % 10}", n % 50, "4.20", "", ""])
        return out.getvalue().encode(), len(exported)
