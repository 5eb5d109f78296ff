"""What the benchmark and load scripts share: a free port, waiting for a server to answer,
percentiles."""

from __future__ import annotations

import http.client
import socket
import statistics
import subprocess
import time


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(
    port: int, server: subprocess.Popen, timeout: float
) -> tuple[http.client.HTTPConnection, bytes]:
    """Wait until the server answers /health with 200; return the open connection and the body.

    Raises:
        RuntimeError: the server stopped, or did not answer within timeout seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server stopped with status {server.returncode}")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", "/health")
            response = connection.getresponse()
            body = response.read()
            if response.status == 200:
                return connection, body
        except OSError:
            pass
        connection.close()
        time.sleep(0.05)
    raise RuntimeError(f"the server did not answer /health within {timeout:.0f} s")


def percentile(values: list[float], percent: int) -> float:
    """Return the percent-th percentile of values (statistics.quantiles, inclusive)."""
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]
